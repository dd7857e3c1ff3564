import type { Message } from '../../../shared/api/schemas';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/db';
import type { EventBody, EventBus } from '../events/bus';
import type { ServerLog } from '../log';
import { lockMessageStatus, updateMessageStatus } from '../repo/messages';
import { checkBudgets } from './budgets';
import type { OutboundDelivery } from './conversations';
import { reportQuoteAsProvider } from './message-prices';

const STEPS: Message['status'][] = ['sent', 'delivered', 'read'];

/**
 * The sandbox provider's delivery: an outbound message goes sent → delivered → read, a step every
 * `stepMs` of real time, each step stored and announced as `message.updated`. Like Meta, the sent
 * and delivered reports carry the template's pricing; a delivered template counts against the
 * budgets. No network.
 */
export class SandboxDelivery implements OutboundDelivery {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly log: ServerLog,
    private readonly clock: Clock,
    private readonly stepMs = 700,
  ) {}

  dispatched(message: Message): void {
    this.schedule(message.id, 0);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(messageId: string, step: number): void {
    const status = STEPS[step];
    if (!status) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.advance(messageId, status)
        .then(() => this.schedule(messageId, step + 1))
        .catch((error: unknown) => this.log.warn(`sandbox delivery: could not mark message ${messageId} ${status}: ${(error as Error).message}`));
    }, step === 0 ? 0 : this.stepMs);
    this.timers.add(timer);
  }

  private async advance(messageId: string, status: Message['status']): Promise<void> {
    // A failure reported meanwhile (sandbox message-status) is final: never overwrite it.
    await this.bus.withEvents(async (tx, emit) => {
      const current = await lockMessageStatus(tx, messageId);
      if (!current || current.status === 'failed') return;
      const message = await updateMessageStatus(tx, messageId, status);
      if (!message) return;
      await emit(this.bus.append(tx, { type: 'message.updated', message }));
      const now = this.clock.now();
      if (status !== 'read') await reportQuoteAsProvider(tx, messageId, now);
      await checkBudgets(tx, (q: Queryable, bodies: EventBody[]) => emit(this.bus.appendMany(q, bodies)), [message], now);
    });
  }
}
