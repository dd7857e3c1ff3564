/**
 * The durable outbox: an outbound message and its outbox row are stored in one transaction; a
 * worker claims due rows with FOR UPDATE SKIP LOCKED (a lease), sends, and records the outcome.
 * Rate limits and outages are retried with backoff; final refusals fail the message with a
 * readable reason. Nothing is sent twice: a claimed row belongs to one worker, a message that
 * already has its WhatsApp id (or is no longer pending) is never sent again, and a send that may
 * have gone out unanswered (a connection cut after the request, a worker that died mid-send) is
 * never repeated: it waits for a status webhook to prove it, and without proof the message ends
 * failed as WHATSAPP_SEND_UNCONFIRMED, which a later report from WhatsApp still overrides.
 */
import type { Template } from '../../../../shared/api/templates';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/db';
import type { ConversationService, OutboundRequest } from '../../domain/conversations';
import { findAttachment } from '../../repo/attachments';
import { recordWaId } from '../../repo/contacts';
import { setProviderMessageId } from '../../repo/messages';
import { claimDue, enqueue, findSendTarget, holdsAttempt, markDone, markFailed, reschedule, type OutboxRow } from '../../repo/outbox';
import { findTemplate, setTemplateStatusById } from '../../repo/templates';
import { backoffMs, SerialRunner } from '../serial-runner';
import type { DeliveryFailure, ProviderLog, SendOutcome, WhatsAppTransport } from '../types';
import { failure, sendOutcomeOf } from './errors';
import { GraphError } from './graph-client';
import type { MetaMedia } from './media';

const MAX_ATTEMPTS = 8;
/** Longer than a Graph call may take: a lease that runs out means its worker died. */
const LEASE_MS = 2 * 60_000;
/** After a send that may have gone out, wait this long for a status webhook before calling it unconfirmed. */
const PROOF_WAIT_MS = 2 * 60_000;

export async function enqueueOutbound(tx: Queryable, messageId: string, request: OutboundRequest, now: Date): Promise<void> {
  await enqueue(tx, messageId, request, now);
}

type Claimed = OutboxRow<OutboundRequest>;

export class OutboxWorker {
  private readonly runner = new SerialRunner();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: ConversationService,
    private readonly transport: WhatsAppTransport,
    private readonly log: ProviderLog,
    /** How an attachment becomes sendable: Meta uploads it and sends it by id; Zenvia sends a link to it. */
    private readonly media: Pick<MetaMedia, 'graphMedia'>,
    private readonly batchSize = 10,
  ) {}

  private async mediaToSend(attachmentId: string) {
    const attachment = await findAttachment(this.db, attachmentId);
    if (!attachment) throw new Error(`attachment ${attachmentId} is gone`);
    return { type: attachment.type, fileName: attachment.fileName, ...(await this.media.graphMedia(attachmentId)) };
  }

  /** Sends everything due now; resolves with how many attempts were made. */
  runOnce(): Promise<number> {
    return this.runner.run(() => this.drain());
  }

  idle(): Promise<void> {
    return this.runner.idle();
  }

  private async drain(): Promise<number> {
    let attempts = 0;
    for (let round = 0; round < 50; round++) {
      const claimed = await this.claim();
      for (const row of claimed) {
        await this.attempt(row).catch((error: unknown) => this.log.warn(`outbox: attempt failed to record: ${(error as Error).message}`));
      }
      attempts += claimed.length;
      if (claimed.length < this.batchSize) break;
    }
    return attempts;
  }

  private async claim(): Promise<Claimed[]> {
    const now = this.clock.now();
    return claimDue<OutboundRequest>(this.db, now, this.batchSize, new Date(now.getTime() + LEASE_MS));
  }

  private async attempt(row: Claimed): Promise<void> {
    const request: OutboundRequest = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    const target = await findSendTarget(this.db, row.message_id);
    if (!target || target.status !== 'pending' || target.provider_message_id) {
      await markDone(this.db, row.message_id, this.clock.now(), true);
      return;
    }
    const to = target.phone ?? (target.wa_id ? `+${target.wa_id}` : null);
    let template: Template | null = null;
    let outcome: SendOutcome;
    if (row.awaiting_proof) {
      // No status webhook proved the earlier attempt went out, and resending could deliver it twice.
      outcome = { ok: false, retry: false, failure: failure('WHATSAPP_SEND_UNCONFIRMED') };
    } else if (!to) {
      outcome = { ok: false, retry: false, failure: failure('WHATSAPP_UNDELIVERABLE') };
    } else if (request.kind === 'template') {
      template = await findTemplate(this.db, request.templateId);
      const header = request.headerMedia && 'attachmentId' in request.headerMedia
        ? await this.uploaded(() => this.media.graphMedia((request.headerMedia as { attachmentId: string }).attachmentId))
        : { media: request.headerMedia as { link: string } | undefined };
      // The one rule (template-params.ts templateSendability), again at send time: a webhook may have changed the template since.
      outcome = !template || !template.sendable
        ? { ok: false, retry: false, failure: notSendable(template) }
        : 'failed' in header
          ? header.failed
          : await this.send(() => this.transport.sendTemplate({
              to, template: template!, parameters: request.parameters, correlationId: row.message_id,
              ...(header.media ? { headerMedia: header.media } : {}),
              ...(request.headerLocation ? { headerLocation: request.headerLocation } : {}),
            }));
    } else {
      const file = request.attachmentId ? await this.uploaded(() => this.mediaToSend(request.attachmentId!)) : { media: undefined };
      outcome = 'failed' in file
        ? file.failed
        : await this.send(() => this.transport.sendText({ to, text: request.text, media: file.media, correlationId: row.message_id }));
    }
    await this.record(row, outcome, target.contact_id, template);
  }

  /**
   * A file uploaded to WhatsApp before the send that uses it. Its failure is not a send that may
   * have gone out: WhatsApp's refusals and outages are retried or final as for sends, anything else
   * (the file is gone) is final.
   */
  private async uploaded<T>(upload: () => Promise<T>): Promise<{ media: T } | { failed: SendOutcome }> {
    try {
      return { media: await upload() };
    } catch (error) {
      this.log.warn(`outbox: media upload failed: ${(error as Error).message}`);
      if (error instanceof GraphError) return { failed: { ...sendOutcomeOf(error), maybeSent: false } };
      return { failed: { ok: false, retry: false, failure: { code: 'WHATSAPP_SEND_FAILED', message: `The file could not be sent: ${(error as Error).message}` } } };
    }
  }

  /** A transport that throws (a bug, not a refusal) is treated like a send that may have gone out. */
  private async send(call: () => Promise<SendOutcome>): Promise<SendOutcome> {
    try {
      return await call();
    } catch (error) {
      this.log.warn(`outbox: send threw: ${(error as Error).message}`);
      return { ok: false, retry: true, maybeSent: true, failure: failure('WHATSAPP_SEND_FAILED') };
    }
  }

  private async record(row: Claimed, outcome: SendOutcome, contactId: string, template: Template | null): Promise<void> {
    await this.conversations.withEvents(async (tx, emit) => {
      const now = this.clock.now();
      const mine = await holdsAttempt(tx, row.message_id, row.attempts);
      if (outcome.ok) {
        await setProviderMessageId(tx, row.message_id, outcome.providerMessageId);
        if (outcome.waId) await recordWaId(tx, contactId, outcome.waId);
        await markDone(tx, row.message_id, now);
        await this.conversations.advanceDeliveryStatus(tx, emit, row.message_id, 'sent');
        return;
      }
      if (!mine) return; // another worker took the row over after our lease ran out
      if (outcome.maybeSent) {
        await reschedule(tx, row.message_id, new Date(now.getTime() + PROOF_WAIT_MS), outcome.failure.message, now, true);
        return;
      }
      if (outcome.retry && row.attempts < MAX_ATTEMPTS) {
        const waitMs = Math.max(backoffMs(row.attempts), outcome.retryAfterMs ?? 0);
        await reschedule(tx, row.message_id, new Date(now.getTime() + waitMs), outcome.failure.message, now);
        return;
      }
      await markFailed(tx, row.message_id, outcome.failure.message, now);
      await this.conversations.advanceDeliveryStatus(tx, emit, row.message_id, 'failed', outcome.failure);
      if (outcome.templateStatus && template) {
        await setTemplateStatusById(tx, template.id, outcome.templateStatus, `WhatsApp refused a send: the template is ${outcome.templateStatus}.`, now);
      }
    });
  }
}

function notSendable(template: Template | null): DeliveryFailure {
  if (template && (template.status === 'PAUSED' || template.status === 'DISABLED')) {
    return { code: 'WHATSAPP_TEMPLATE_PAUSED', message: `Template ${template.name} (${template.language}) was ${template.status} by WhatsApp before it could be sent.` };
  }
  if (template && template.status === 'APPROVED') {
    return { code: 'WHATSAPP_TEMPLATE_PROBLEM', message: `Template ${template.name} (${template.language}) cannot be sent: ${template.notSendableReason ?? 'it changed'}` };
  }
  return { code: 'WHATSAPP_TEMPLATE_PROBLEM', message: `Template ${template ? `${template.name} (${template.language}) is ${template.status}` : 'no longer exists'}: it cannot be sent.` };
}
