import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BudgetInput, RateCardCsvQuery, RateCardInput, RateCardMarket, TemplateQuoteRequest, type BudgetList, type RateCardList } from '../../../shared/api/pricing';
import { TemplateCategory } from '../../../shared/api/templates';
import { currentUser, requireRole } from '../auth/guard';
import { monthOfDate } from '../domain/budgets';
import { parseMetaRateCard, type CsvIssue } from '../domain/rate-card-csv';
import { ProblemError } from '../errors';
import { listBudgets, monthSpend, putBudgets } from '../repo/budgets';
import { listRateCards, putRateCard, rateCardInForce } from '../repo/pricing';
import type { RouteContext } from './context';
import { parse } from './validate';

const MAX_CARD_BYTES = 2 * 1024 * 1024;

function refuseRows(issues: CsvIssue[], label: (row: number) => string): never {
  const first = issues[0]!;
  throw new ProblemError('RATE_CARD_INVALID', `${label(first.row)}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}. Nothing was loaded.`, {
    errors: issues.map((i) => ({ path: label(i.row), message: i.message })),
  });
}

/** JSON markets checked one by one, so each bad one is named by its place (row 1 is markets[0]). */
function jsonCard(body: unknown) {
  const outer = parse(RateCardInput.extend({ markets: z.array(z.unknown()).min(1).max(500) }), body);
  const raw = outer.markets;
  const issues: CsvIssue[] = [];
  const seen = new Set<string>();
  const markets = raw.flatMap((m, i) => {
    const result = RateCardMarket.safeParse(m);
    if (!result.success) {
      issues.push({ row: i + 1, message: result.error.issues.map((x) => `${x.path.join('.') || 'market'}: ${x.message}`).join('; ') });
      return [];
    }
    if (result.data.countries.some((c) => seen.has(c))) issues.push({ row: i + 1, message: 'repeats a country of an earlier market' });
    result.data.countries.forEach((c) => seen.add(c));
    return [result.data];
  });
  if (issues.length) refuseRows(issues, (row) => `markets[${row - 1}]`);
  return { currency: outer.currency, effectiveFrom: outer.effectiveFrom, name: outer.name ?? null, markets };
}

/**
 * Prices (issue 20): the rate card (administrators load it, as Meta's CSV or as JSON; supervisors
 * read it), the quote before a send (whoever may send), monthly budgets per category.
 */
export async function pricingRoutes(app: FastifyInstance, ctx: RouteContext) {
  const admin = requireRole(ctx.tokens, ['administrator']);
  const readers = requireRole(ctx.tokens, ['supervisor', 'administrator']);

  await app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_CARD_BYTES }, (_request, body, done) => done(null, body));

    scope.put('/admin/rate-card', { preHandler: admin, bodyLimit: MAX_CARD_BYTES }, async (request) => {
      const now = ctx.clock.now();
      let card;
      if (typeof request.body === 'string') {
        const query = parse(RateCardCsvQuery, request.query);
        const read = parseMetaRateCard(request.body, query);
        if ('issues' in read) refuseRows(read.issues, (row) => `row ${row}`);
        card = { ...read.card, name: read.card.name ?? null };
      } else card = jsonCard(request.body);
      await putRateCard(ctx.db, card, currentUser(request).id, now);
      return rateCards(ctx);
    });
  });

  app.get('/admin/rate-card', { preHandler: readers }, async () => rateCards(ctx));

  app.post('/template-sends/quote', { preHandler: requireRole(ctx.tokens) }, async (request) => {
    return ctx.templateSends.quote(currentUser(request), parse(TemplateQuoteRequest, request.body));
  });

  app.get('/admin/budgets', { preHandler: readers }, async () => budgets(ctx));

  app.put('/admin/budgets', { preHandler: admin }, async (request) => {
    const { budgets: list } = parse(BudgetInput, request.body);
    await putBudgets(ctx.db, list, ctx.clock.now());
    return budgets(ctx);
  });
}

async function rateCards(ctx: RouteContext): Promise<RateCardList> {
  const now = ctx.clock.now();
  return {
    cards: await listRateCards(ctx.db),
    inForce: (await rateCardInForce(ctx.db, now))?.effectiveFrom ?? null,
    businessCountry: ctx.businessCountry,
    serverTime: now.toISOString(),
  };
}

async function budgets(ctx: RouteContext): Promise<BudgetList> {
  const now = ctx.clock.now();
  const month = monthOfDate(now);
  const list = await listBudgets(ctx.db);
  const spendByCurrency = new Map<string, Map<TemplateCategory, number>>();
  for (const currency of new Set(list.map((b) => b.currency))) spendByCurrency.set(currency, await monthSpend(ctx.db, month, currency));
  return {
    month,
    items: list.map((b) => ({ ...b, spent: spendByCurrency.get(b.currency)?.get(b.category) ?? 0 })),
    serverTime: now.toISOString(),
  };
}
