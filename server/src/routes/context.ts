import type { AttachmentService } from '../attachments/service';
import type { TokenService } from '../auth/tokens';
import type { Clock, TestClock } from '../clock';
import type { Db } from '../db/db';
import type { ConversationService } from '../domain/conversations';
import type { DeadlineSweeper } from '../domain/sweeper';
import type { TemplateSendService } from '../domain/template-sends';
import type { EventBus } from '../events/bus';
import type { WhatsAppProvider } from '../providers/types';

/** What route modules get: the composed services, nothing global. */
export interface RouteContext {
  db: Db;
  clock: Clock;
  /** The sandbox's test clock; null in production. */
  sandboxClock: TestClock | null;
  tokens: TokenService;
  bus: EventBus;
  conversations: ConversationService;
  sweeper: DeadlineSweeper;
  templateSends: TemplateSendService;
  provider: WhatsAppProvider;
  attachments: AttachmentService;
  loginRateLimit: { max: number; timeWindowMs: number };
  /** BUSINESS_COUNTRY, or null. */
  businessCountry: string | null;
}

export const serverTime = (clock: Clock) => clock.now().toISOString();
