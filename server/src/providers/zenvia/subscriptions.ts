/**
 * The webhooks Zenvia calls are registered by us (`POST /v2/subscriptions`, whatsapp-protocol.md
 * §2.4): exactly one `MESSAGE` (channel whatsapp, direction IN) and one `MESSAGE_STATUS` (channel
 * whatsapp) subscription pointing at ZENVIA_WEBHOOK_URL with our secret header. At start (and
 * again until it succeeds) the server lists the account's subscriptions, reuses ours that are
 * right, deletes ours that are stale (another secret, URL or criteria, a duplicate, an INACTIVE
 * one) and creates what is missing. Zenvia allows only two per criteria, so this must never
 * duplicate: instances take turns through a lease row in the database (server_settings), held only
 * while they talk to Zenvia, and the ids we created are kept there with a hash of the secret they
 * carry (Zenvia may not list a subscription's headers back).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Db } from '../../db/db';
import { readSetting, releaseLease, takeLease, writeSetting } from '../../repo/settings';
import type { ProviderLog } from '../types';
import { ZenviaError, type ZenviaClient } from './client';
import { WEBHOOK_SECRET_HEADER, type ZenviaConfig } from './config';

const LEASE_KEY = 'zenvia.subscriptions.lease';
const STATE_KEY = 'zenvia.subscriptions';
/** Longer than a round of list, delete and create calls can take (each times out after 15 s). */
const LEASE_MS = 2 * 60_000;
const WAIT_STEP_MS = 200;

type EventType = 'MESSAGE' | 'MESSAGE_STATUS';

/** What we register, as the spec's `subscription.message-subscription` / `message-status-subscription`. */
const WANTED: { eventType: EventType; criteria: { channel: 'whatsapp'; direction?: 'IN' } }[] = [
  { eventType: 'MESSAGE', criteria: { channel: 'whatsapp', direction: 'IN' } },
  { eventType: 'MESSAGE_STATUS', criteria: { channel: 'whatsapp' } },
];

interface Listed {
  id?: unknown;
  eventType?: unknown;
  status?: unknown;
  webhook?: { url?: unknown; headers?: Record<string, unknown> };
  criteria?: { channel?: unknown; direction?: unknown };
}

/** The subscriptions we created, each with a hash of the secret it carries. */
type Stored = { id: string; secretHash: string }[];

export interface SubscriptionResult {
  eventType: EventType;
  id: string;
  created: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Subscriptions {
  private readonly owner = randomUUID();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly client: ZenviaClient,
    private readonly config: ZenviaConfig,
    private readonly log: ProviderLog,
  ) {}

  /** Makes sure our two subscriptions exist, once across every instance on the database. */
  async ensure(): Promise<SubscriptionResult[]> {
    const deadline = Date.now() + LEASE_MS + 10_000;
    while (!(await this.acquire())) {
      // Another instance is at it: wait for it, then see what it registered.
      if (Date.now() > deadline) throw new Error('another server instance has held the Zenvia subscription lease for too long');
      await sleep(WAIT_STEP_MS);
    }
    try {
      return await this.reconcile();
    } finally {
      await this.release();
    }
  }

  private acquire(): Promise<boolean> {
    const now = this.clock.now();
    return takeLease(this.db, LEASE_KEY, this.owner, now, new Date(now.getTime() + LEASE_MS));
  }

  private release(): Promise<void> {
    return releaseLease(this.db, LEASE_KEY, this.owner);
  }

  private async reconcile(): Promise<SubscriptionResult[]> {
    const { body } = await this.client.get<Listed[]>('subscriptions');
    const listed = (Array.isArray(body) ? body : []).filter((s): s is Listed & { id: string } => typeof s?.id === 'string');
    const stored = parseStored(await readSetting(this.db, STATE_KEY));
    const secretHash = sha256(this.config.webhookSecret);
    const ours = (s: Listed & { id: string }) => stored.some((r) => r.id === s.id) || s.webhook?.url === this.config.webhookUrl;
    const results: SubscriptionResult[] = [];
    for (const wanted of WANTED) {
      const candidates = listed.filter((s) => s.eventType === wanted.eventType && ours(s));
      const keep = candidates.find((s) => this.right(s, wanted, stored, secretHash));
      for (const stale of candidates.filter((s) => s !== keep)) {
        try {
          await this.client.delete(`subscriptions/${encodeURIComponent(stale.id)}`);
          this.log.info(`zenvia: removed stale ${wanted.eventType} subscription ${stale.id}`);
        } catch (error) {
          if (!(error instanceof ZenviaError && error.info.httpStatus === 404)) throw error;
        }
      }
      if (keep) {
        results.push({ eventType: wanted.eventType, id: keep.id, created: false });
        continue;
      }
      const created = await this.client.post<{ id?: unknown }>('subscriptions', {
        eventType: wanted.eventType,
        version: 'v2',
        status: 'ACTIVE',
        webhook: { url: this.config.webhookUrl, headers: { [WEBHOOK_SECRET_HEADER]: this.config.webhookSecret } },
        criteria: wanted.criteria,
      });
      if (typeof created.body?.id !== 'string') throw new Error(`Zenvia created a ${wanted.eventType} subscription without an id`);
      results.push({ eventType: wanted.eventType, id: created.body.id, created: true });
      // Recorded at once (with those not looked at yet): a failure on the next one must not leave this one unknown to the next try.
      await this.save([...stored.filter((r) => !results.some((x) => x.id === r.id)), ...results.map((r) => ({ id: r.id, secretHash }))]);
    }
    await this.save(results.map((r) => ({ id: r.id, secretHash })));
    this.log.info(`zenvia: webhooks at ${this.config.webhookUrl}: ${results.map((r) => `${r.eventType} ${r.id} (${r.created ? 'created' : 'reused'})`).join(', ')}`);
    return results;
  }

  /** A subscription of ours that is what we want now: our URL, criteria and secret, and not INACTIVE. */
  private right(s: Listed & { id: string }, wanted: (typeof WANTED)[number], stored: Stored, secretHash: string): boolean {
    if (s.webhook?.url !== this.config.webhookUrl || String(s.status ?? 'ACTIVE').toUpperCase() === 'INACTIVE') return false;
    if (String(s.criteria?.channel ?? '').toLowerCase() !== 'whatsapp') return false;
    if (wanted.criteria.direction && String(s.criteria?.direction ?? '').toUpperCase() !== wanted.criteria.direction) return false;
    const headers = s.webhook.headers;
    if (headers && typeof headers === 'object') {
      const value = Object.entries(headers).find(([name]) => name.toLowerCase() === WEBHOOK_SECRET_HEADER.toLowerCase())?.[1];
      return value === this.config.webhookSecret;
    }
    // Headers not listed back: right only if we created it, with this secret.
    return stored.some((r) => r.id === s.id && r.secretHash === secretHash);
  }

  private save(subscriptions: Stored): Promise<void> {
    return writeSetting(this.db, STATE_KEY, JSON.stringify(subscriptions));
  }
}

function parseStored(text: string | null): Stored {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    return (Array.isArray(parsed) ? parsed : []).filter(
      (r): r is Stored[number] => typeof r?.id === 'string' && typeof r?.secretHash === 'string',
    );
  } catch {
    return [];
  }
}
