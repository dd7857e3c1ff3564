import type { Db } from '../db/db';
import { SandboxDelivery } from '../domain/sandbox-delivery';
import type { EventBus } from '../events/bus';
import type { WhatsAppProvider } from './types';

/**
 * The embedded default: no network. Deliveries are simulated (sent → delivered → read), customer
 * messages come from the sandbox endpoints, and the templates are the ones in the database.
 */
export class SandboxProvider implements WhatsAppProvider {
  readonly name = 'sandbox' as const;
  readonly delivery: SandboxDelivery;

  constructor(
    private readonly db: Db,
    bus: EventBus,
    deliveryStepMs?: number,
  ) {
    this.delivery = new SandboxDelivery(db, bus, deliveryStepMs);
  }

  async start(): Promise<void> {}

  /** Nothing to fetch: answers with how many templates the database holds. */
  async syncTemplates(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM templates');
    return rows[0]!.n;
  }

  async runPending(): Promise<void> {}

  async routes(): Promise<void> {}

  async stop(): Promise<void> {
    this.delivery.stop();
  }
}
