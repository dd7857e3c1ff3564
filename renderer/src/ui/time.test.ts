import { enUS, es, ptBR } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import { dayLabel, relativeTime, startsDay } from './time';

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
    expect(dayLabel(new Date(2026, 10, 20, 12).getTime(), now, 'pt-BR', ptBR)).toBe('20 de novembro de 2026');
  });
});
