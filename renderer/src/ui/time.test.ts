import { enUS, es, ptBR } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import { dayLabel, formatDate, formatDateTime, formatTime, relativeTime, startsDay } from './time';

const HOUR = 3_600_000;
const now = new Date(2026, 10, 25, 15, 0).getTime();

describe('relative time in the inbox', () => {
  it('says a message that arrived after the last tick arrived just now, not in the future', () => {
    expect(relativeTime(now + 2_000, now, enUS)).toBe('less than a minute ago');
    expect(relativeTime(now - 10_000, now, es)).toBe('hace menos de un minuto');
  });

  it('gives whole units for older messages, in the user language', () => {
    expect(relativeTime(now - 2 * HOUR, now, enUS)).toBe('2 hours ago');
    expect(relativeTime(now - 19 * 60_000, now, ptBR)).toBe('há 19 minutos');
  });
});

describe('day dividers in the chat', () => {
  it('start a new day only when the calendar day changes', () => {
    const morning = new Date(2026, 10, 25, 9, 0).toISOString();
    const evening = new Date(2026, 10, 25, 21, 0).toISOString();
    const nextDay = new Date(2026, 10, 26, 0, 5).toISOString();
    expect(startsDay(morning, undefined)).toBe(true);
    expect(startsDay(evening, morning)).toBe(false);
    expect(startsDay(nextDay, evening)).toBe(true);
  });

  it('name today and yesterday in words and older days by date', () => {
    expect(dayLabel(now - HOUR, now, 'en', enUS)).toBe('Today');
    expect(dayLabel(now - 24 * HOUR, now, 'es', es)).toBe('Ayer');
    expect(dayLabel(now - 24 * HOUR, now, 'pt-BR', ptBR)).toBe('Ontem');
    expect(dayLabel(new Date(2026, 10, 20, 12).getTime(), now, 'pt-BR', ptBR)).toBe('20 nov 2026');
  });
});

describe('dates and times', () => {
  const at = new Date(2026, 10, 28, 19, 53);
  it('have one format per language, for the date, the time and both', () => {
    expect([formatDate(at, enUS), formatTime(at, enUS), formatDateTime(at, enUS)]).toEqual(['Nov 28, 2026', '7:53 PM', 'Nov 28, 2026, 7:53 PM']);
    expect([formatDate(at, es), formatTime(at, es), formatDateTime(at, es)]).toEqual(['28 nov 2026', '19:53', '28 nov 2026, 19:53']);
    expect([formatDate(at, ptBR), formatTime(at, ptBR), formatDateTime(at, ptBR)]).toEqual(['28 nov 2026', '19:53', '28 nov 2026, 19:53']);
  });

  it('take the ISO strings the server sends', () => {
    expect(formatDate(at.toISOString(), enUS)).toBe('Nov 28, 2026');
  });

  it('write older days in the chat as every other date', () => {
    expect(dayLabel(at.getTime() - 3 * 24 * HOUR, now + 10 * 24 * HOUR, 'en', enUS)).toBe(formatDate(at.getTime() - 3 * 24 * HOUR, enUS));
  });
});
