/**
 * All SQL lives in server/src/repo (and the database layer in server/src/db). This guard reads
 * every other server source file with the TypeScript parser and lists each database call
 * (`db.query(…)`, `tx.query<…>(…)`, `this.db.exec(…)`) and each string that holds a SQL
 * statement. Only code and string literals are looked at, so comments, English prose and URL
 * query strings never count. SQL here is written in capitals, as everywhere in the repo.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'server', 'src');
const EXCLUDED_DIRS = [join(SRC, 'repo'), join(SRC, 'db')];

/** A statement's opening words: SELECT <column|*|(|digit>, INSERT INTO, UPDATE t [alias] SET, DELETE FROM, ON CONFLICT. */
const SQL = /\b(?:SELECT\s+[\w*($]|INSERT\s+INTO\b|UPDATE\s+\w+(?:\s+\w+)?\s+SET\b|DELETE\s+FROM\b|ON\s+CONFLICT\b)/;
/** Method names of the database API (server/src/db/db.ts). */
const DB_METHODS = new Set(['query', 'exec']);
/** Receivers that are a database or a transaction: `db`, `tx`, `this.db`, `ctx.db`, `someDb`, `outerTx`. */
const DB_RECEIVER = /^(?:db|tx)$|[a-z](?:Db|Tx)$/;

interface Finding {
  line: number;
  what: string;
}

const receiverName = (node: ts.Expression): string | null =>
  ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : null;

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' x ');
  return null;
}

const snippet = (text: string, at: number) => `"${text.slice(at, at + 40).replace(/\s+/g, ' ').trim()}…"`;

/** The SQL calls and SQL strings in one source text; a call's own SQL argument is named with the call. */
function findSql(source: string, fileName = 'file.ts'): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Finding[] = [];
  const named = new Set<ts.Node>();
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const sqlIn = (node: ts.Node | undefined) => {
    const text = node ? literalText(node) : null;
    const match = text === null ? null : SQL.exec(text);
    return match ? snippet(text!, match.index) : null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && DB_METHODS.has(node.expression.name.text)) {
      const receiver = receiverName(node.expression.expression);
      if (receiver && DB_RECEIVER.test(receiver)) {
        const argument = node.arguments[0];
        const sql = sqlIn(argument);
        if (sql) named.add(argument!);
        found.push({ line: lineOf(node.expression.name.getStart(file)), what: `${receiver}.${node.expression.name.text}(${sql ?? '…'})` });
      }
    }
    if (literalText(node) !== null) {
      const sql = named.has(node) ? null : sqlIn(node);
      if (sql) found.push({ line: lineOf(node.getStart(file)), what: `SQL string ${sql}` });
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return EXCLUDED_DIRS.includes(path) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the SQL detector', () => {
  it('finds database calls, also split over lines, and SQL in strings and templates', () => {
    const source = [
      "await tx.query('UPDATE tickets SET updated_at = $2 WHERE id = $1', [id, now]);",
      'const { rows } = await this.db.query<{ n: number }>(sql);',
      'await ctx.db',
      '  .query(check);',
      'await db.exec(script);',
      'const q = `SELECT ${cols} FROM users`;',
      "const upsert = 'INSERT INTO contacts (id) VALUES ($1) ON CONFLICT DO NOTHING';",
      "const u = `UPDATE templates t SET status = $2 FROM messages m`;",
      'const d = "DELETE FROM refresh_tokens";',
    ].join('\n');
    expect(findSql(source)).toEqual([
      { line: 1, what: 'tx.query("UPDATE tickets SET updated_at = $2 WHERE…")' },
      { line: 2, what: 'db.query(…)' },
      { line: 4, what: 'db.query(…)' },
      { line: 5, what: 'db.exec(…)' },
      { line: 6, what: 'SQL string "SELECT x FROM users…"' },
      { line: 7, what: 'SQL string "INSERT INTO contacts (id) VALUES ($1) ON…"' },
      { line: 8, what: 'SQL string "UPDATE templates t SET status = $2 FROM…"' },
      { line: 9, what: 'SQL string "DELETE FROM refresh_tokens…"' },
    ]);
  });

  it('ignores comments, prose, URL query strings and regular expressions', () => {
    const source = [
      '// SELECT * FROM users: a comment is not a statement',
      "const hint = 'Select a template, then update the ticket and delete from the list.';",
      "const mode = (request.query as Record<string, unknown>)['hub.mode'];",
      "const url = graph.url('me', query);",
      'const match = /^sha256=([0-9a-f]{64})$/i.exec(value);',
      "const withNine = PATTERN.exec('5511999990001');",
      "const title = 'UPDATE AVAILABLE';",
    ].join('\n');
    expect(findSql(source)).toEqual([]);
  });
});

describe('server/src outside repo/ and db/', () => {
  it('holds no SQL', () => {
    const findings = sourceFiles(SRC).flatMap((path) =>
      findSql(readFileSync(path, 'utf8'), path).map((f) => `${relative(ROOT, path).split(sep).join('/')}:${f.line} ${f.what}`),
    );
    expect(findings, `SQL belongs in server/src/repo:\n${findings.join('\n')}`).toEqual([]);
  });
});
