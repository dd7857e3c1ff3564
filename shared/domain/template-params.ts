/**
 * Template parameters: which values a template needs, whether given values are valid, and the
 * text the customer will read. Used by the server (to refuse a bad send) and by the picker (to
 * label inputs, validate as the agent types and preview the final text): one rule set for both.
 *
 * Parameter keys: body placeholders by their own name (`1`, `2` or `first_name`), header
 * placeholders as `header.<name>`, the dynamic suffix of a URL button as `button.<index>`.
 */
import type { Template, TemplateComponent } from '../api/templates';

export type ParameterSource = 'header' | 'body' | 'button';

export interface TemplateParameter {
  key: string;
  source: ParameterSource;
  /** The placeholder's own name: `1`, `first_name`; for a button, its index. */
  name: string;
  /** Longest value WhatsApp accepts for it. */
  maxLength: number;
  example?: string;
}

export type ParameterProblem = 'missing' | 'unknown' | 'too_long' | 'bad_whitespace';

export interface ParameterIssue {
  key: string;
  problem: ParameterProblem;
}

const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;
const HEADER_PARAM_MAX = 60;
const BODY_PARAM_MAX = 1024;
const BUTTON_PARAM_MAX = 2000;

function placeholdersIn(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function byPosition(a: string, b: string): number {
  const [na, nb] = [Number(a), Number(b)];
  return Number.isInteger(na) && Number.isInteger(nb) ? na - nb : 0;
}

/** The parameters a template needs, in the order the agent should fill them. */
export function templateParameters(template: Pick<Template, 'components' | 'examples'>): TemplateParameter[] {
  const params: TemplateParameter[] = [];
  const example = (key: string) => template.examples?.[key];
  for (const component of template.components) {
    if (component.type === 'HEADER' && component.format === 'TEXT') {
      for (const name of placeholdersIn(component.text).sort(byPosition)) {
        const key = `header.${name}`;
        params.push({ key, source: 'header', name, maxLength: HEADER_PARAM_MAX, example: example(key) });
      }
    }
  }
  for (const component of template.components) {
    if (component.type === 'BODY') {
      for (const name of placeholdersIn(component.text).sort(byPosition)) {
        params.push({ key: name, source: 'body', name, maxLength: BODY_PARAM_MAX, example: example(name) });
      }
    }
  }
  for (const component of template.components) {
    if (component.type === 'BUTTONS') {
      component.buttons.forEach((button, index) => {
        if (button.type === 'URL' && placeholdersIn(button.url).length > 0) {
          const key = `button.${index}`;
          params.push({ key, source: 'button', name: String(index), maxLength: BUTTON_PARAM_MAX, example: example(key) });
        }
      });
    }
  }
  return params;
}

/** WhatsApp refuses parameter text with new lines, tabs or more than four spaces in a row. */
function hasBadWhitespace(value: string): boolean {
  return /[\n\r\t]/.test(value) || / {5,}/.test(value);
}

/** Every problem with the given values; an empty list means the send may go ahead. */
export function validateParameters(
  template: Pick<Template, 'components' | 'examples'>,
  values: Readonly<Record<string, string>>,
): ParameterIssue[] {
  const params = templateParameters(template);
  const issues: ParameterIssue[] = [];
  for (const param of params) {
    const value = values[param.key];
    if (value === undefined || value.trim() === '') issues.push({ key: param.key, problem: 'missing' });
    else if (value.length > param.maxLength) issues.push({ key: param.key, problem: 'too_long' });
    else if (hasBadWhitespace(value)) issues.push({ key: param.key, problem: 'bad_whitespace' });
  }
  const known = new Set(params.map((p) => p.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) issues.push({ key, problem: 'unknown' });
  }
  return issues;
}

export interface TextSegment {
  text: string;
  /** Set when this segment stands for a parameter. */
  key?: string;
  /** False when the parameter has no value yet (the segment then shows the placeholder). */
  filled?: boolean;
}

/** Splits a component's text into literal text and parameter segments, for a live preview. */
export function renderSegments(
  text: string,
  values: Readonly<Record<string, string>>,
  keyOf: (name: string) => string = (name) => name,
): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index ?? 0;
    if (start > last) segments.push({ text: text.slice(last, start) });
    const key = keyOf(match[1]!);
    const value = values[key]?.trim();
    segments.push(value ? { text: value, key, filled: true } : { text: match[0], key, filled: false });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

function renderText(text: string | undefined, values: Readonly<Record<string, string>>, keyOf?: (n: string) => string) {
  return text === undefined ? '' : renderSegments(text, values, keyOf).map((s) => s.text).join('');
}

function componentText(component: TemplateComponent, values: Readonly<Record<string, string>>): string {
  switch (component.type) {
    case 'HEADER':
      return component.format === 'TEXT' ? renderText(component.text, values, (n) => `header.${n}`) : '';
    case 'BODY':
      return renderText(component.text, values);
    case 'FOOTER':
      return component.text;
    case 'BUTTONS':
      return component.buttons.map((b) => `[${b.text}]`).join(' ');
  }
}

/** The whole message as the customer reads it: header, body, footer and buttons, one per line. */
export function renderTemplate(
  template: Pick<Template, 'components'>,
  values: Readonly<Record<string, string>>,
): string {
  return template.components
    .map((component) => componentText(component, values))
    .filter((line) => line !== '')
    .join('\n');
}
