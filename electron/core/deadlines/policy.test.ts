import { beforeEach, describe, expect, it } from 'vitest';
import type { DesktopNotification } from '../../../shared/ipc/notifications';
import { DEFAULT_SETTINGS, type Language, type Settings } from '../../../shared/ipc/settings';
import { FakeTimers } from '../testing/fake-timers';
import { ServerClock } from './clock';
import type { DueAlert } from './engine';
import { NotificationPolicy } from './policy';

const T0 = Date.parse('2026-11-25T12:00:00.000Z');
const MIN = 60_000;

describe('notification policy', () => {
  let timers: FakeTimers;
  let shown: DesktopNotification[];
  let settings: Settings;
  let language: Language;
  let minutesOfDay: number;
  let policy: NotificationPolicy;

  const alert = (id: string, name: string, minutesLeft: number, kind: 'window' | 'auto_close' = 'auto_close', lead = 60): DueAlert => ({
    deadline: { conversationId: id, kind, at: timers.now() + minutesLeft * MIN, contactName: name, assignee: { id: 'u1', name: 'Ana Ribeiro' } },
    leadMinutes: lead,
    msLeft: minutesLeft * MIN,
    key: `${id}|${kind}|${lead}`,
  });

  beforeEach(() => {
    timers = new FakeTimers(T0);
    shown = [];
    settings = { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:4010' };
    language = 'en';
    minutesOfDay = 12 * 60;
    policy = new NotificationPolicy({
      timers,
      clock: new ServerClock(timers),
      settings: () => settings,
      language: () => language,
      show: (n) => shown.push(n),
      minutesOfDay: () => minutesOfDay,
    });
  });

  it('tells of a budget threshold once, in the user\'s language, critical at 100 %', () => {
    const budget = { category: 'MARKETING', month: '2026-11', threshold: 80, spent: 80.5, budget: 100, currency: 'USD' };
    language = 'pt-BR';
    policy.budgetAlert(budget);
    policy.budgetAlert(budget); // the same event again (a reconnect replays it)
    policy.budgetAlert({ ...budget, threshold: 100, spent: 101 });
    expect(shown.map((n) => [n.kind, n.urgency, n.title])).toEqual([
      ['budget_alert', 'normal', 'Marketing: 80 % do orçamento mensal'],
      ['budget_alert', 'critical', 'Marketing: 100 % do orçamento mensal'],
    ]);
    expect(shown[0]!.body).toBe('US$\u00a080,50 de US$\u00a0100,00 gastos em 2026-11.');
  });

  it('batches supervisor alerts: one critical notification a minute, naming how many and the most urgent', () => {
    policy.supervisorAlerts([alert('c2', 'Bruno Costa', 50, 'window'), alert('c1', 'Gabriela Rocha', 30), alert('c3', 'Elena Souza', 45)]);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ kind: 'supervisor_expiring', urgency: 'critical', conversationId: 'c1', title: '3 sessions expire soon' });
    expect(shown[0]!.body).toBe('Most urgent: Gabriela Rocha (Ana Ribeiro), closes without reply in 30 min.');

    timers.advance(10_000);
    policy.supervisorAlerts([alert('c4', 'Diego Ramos', 55, 'window')]);
    policy.supervisorAlerts([alert('c4', 'Diego Ramos', 55, 'window')]); // the same alert again
    expect(shown).toHaveLength(1);
    timers.advance(50_000 - 1);
    expect(shown).toHaveLength(1);
    timers.advance(1);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatchObject({ title: 'A session expires soon', conversationId: 'c4' });
  });

  it('drops a queued supervisor alert whose conversation closed meanwhile', () => {
    policy.supervisorAlerts([alert('c1', 'Gabriela Rocha', 30)]);
    policy.supervisorAlerts([alert('c2', 'Bruno Costa', 40)]);
    policy.forgetSupervisorAlert('c2');
    timers.advance(MIN);
    expect(shown).toHaveLength(1);
  });

  it('tells an agent about each deadline, or sums up when many are due at once', () => {
    policy.agentAlerts([alert('c1', 'Bruno Costa', 15, 'window', 15)]);
    expect(shown.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['window_expiring', 'Session with Bruno Costa ends soon', 'The 24-hour window closes in 15 min. After that only a template can restart it.'],
    ]);
    policy.agentAlerts([alert('a', 'A', 4), alert('b', 'B', 10), alert('c', 'C', 12), alert('d', 'D', 14)]);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatchObject({ kind: 'summary', title: '4 sessions need your attention', body: 'Most urgent: A, 4 min left.', conversationId: 'a' });
  });

  it('gives every deadline notification its deadline and a body whose time is filled at each moment', () => {
    policy.agentAlerts([alert('c1', 'Gabriela Rocha', 15, 'auto_close', 15)]);
    policy.supervisorAlerts([alert('c2', 'Bruno Costa', 31, 'window')]);
    policy.customerReplied({ messageId: 'm1', conversationId: 'c1', contactName: 'Gabriela Rocha' });
    expect(shown.map((n) => n.countdown)).toEqual([
      { at: new Date(T0 + 15 * MIN).toISOString(), text: 'The conversation closes automatically in {time} unless the customer replies.' },
      { at: new Date(T0 + 31 * MIN).toISOString(), text: 'Most urgent: Bruno Costa (Ana Ribeiro), window closes in {time}.' },
      null,
    ]);
  });

  it('honours the per-kind switches, quiet hours and sound setting', () => {
    settings = { ...settings, notifyWindowExpiring: false, notificationSound: false };
    policy.agentAlerts([alert('c1', 'Bruno Costa', 15, 'window', 15)]);
    expect(shown).toEqual([]);
    policy.agentAlerts([alert('c2', 'Gabriela Rocha', 15, 'auto_close', 15)]);
    expect(shown.map((n) => [n.kind, n.silent])).toEqual([['auto_close_soon', true]]);

    settings = { ...settings, quietHoursEnabled: true, quietHoursStart: '22:00', quietHoursEnd: '07:00' };
    minutesOfDay = 23 * 60 + 30;
    policy.customerReplied({ messageId: 'm1', conversationId: 'c2', contactName: 'Gabriela Rocha' });
    expect(shown).toHaveLength(1);
    expect(policy.unreadCount).toBe(1); // the tray still counts it
    minutesOfDay = 7 * 60;
    policy.customerReplied({ messageId: 'm2', conversationId: 'c2', contactName: 'Gabriela Rocha' });
    expect(shown).toHaveLength(2);
  });

  it('never notifies the same reply or auto-close twice, and speaks the user language', () => {
    language = 'pt-BR';
    policy.customerReplied({ messageId: 'm1', conversationId: 'c1', contactName: 'Gabriela Rocha' });
    policy.customerReplied({ messageId: 'm1', conversationId: 'c1', contactName: 'Gabriela Rocha' });
    policy.autoClosed({ conversationId: 'c2', contactName: 'Elena Souza', ticketNumber: 1002 });
    policy.autoClosed({ conversationId: 'c2', contactName: 'Elena Souza', ticketNumber: 1002 });
    expect(shown.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['customer_replied', 'Gabriela Rocha respondeu', 'Seu modelo teve resposta: a janela de 24 horas está aberta.'],
      ['auto_closed', 'Conversa com Elena Souza encerrada', 'Sem resposta a tempo. O histórico foi anexado ao ticket nº 1002.'],
    ]);
    policy.markSeen();
    expect(policy.unreadCount).toBe(0);
  });
});
