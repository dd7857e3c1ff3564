import type { Clock } from '../clock';
import type { Db } from '../db/db';
import { SandboxDelivery } from '../domain/sandbox-delivery';
import type { EventBus } from '../events/bus';
import { countTemplates } from '../repo/templates';
import type { ProviderLog, WhatsAppProvider } from './types';

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
    log: ProviderLog,
    clock: Clock,
    deliveryStepMs?: number,
  ) {
    this.delivery = new SandboxDelivery(db, bus, log, clock, deliveryStepMs);
  }

  async start(): Promise<void> {}

  /** Nothing to fetch: answers with how many templates the database holds. */
  async syncTemplates(): Promise<number> {
    return countTemplates(this.db);
  }

  async runPending(): Promise<void> {}

  kick(): void {}

  async routes(): Promise<void> {}

  async stop(): Promise<void> {
    this.delivery.stop();
  }
}
