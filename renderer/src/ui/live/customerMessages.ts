/**
 * New customer messages, gathered for a moment and then said once (politely): the open chat's by
 * who wrote and what, the others as one count for the inbox. A burst of messages is one
 * announcement, not one per message.
 */
import type { Conversation, Message } from '../../../../shared/api/schemas';
import type { CountedKey, MessageKey, MessageParams } from '../../../../shared/i18n';

export const GATHER_MS = 1_500;

export interface Words {
  t(key: MessageKey, params?: MessageParams): string;
  tn(base: CountedKey, count: number, params?: MessageParams): string;
}

export interface Arrival {
  conversation: Conversation;
  message: Message;
  /** Whether it is in the conversation the user has open. */
  open: boolean;
}

const textOf = (message: Message, words: Words) => message.text?.trim() || words.t('inbox.attachment');

/** The sentences for a gathered burst: the open chat's first, then the inbox's. */
export function describeArrivals(arrivals: readonly Arrival[], words: Words): string[] {
  const sentences: string[] = [];
  const inChat = arrivals.filter((a) => a.open);
  const last = inChat[inChat.length - 1];
  if (last) {
    const name = last.conversation.contact.name;
    sentences.push(
      inChat.length === 1
        ? words.t('live.chatMessage', { name, text: textOf(last.message, words) })
        : words.t('live.chatMessages', { name, count: inChat.length, text: textOf(last.message, words) }),
    );
  }
  const elsewhere = arrivals.filter((a) => !a.open);
  if (elsewhere.length > 0) {
    const names = [...new Set(elsewhere.map((a) => a.conversation.contact.name))].join(', ');
    sentences.push(words.tn('live.inbox', elsewhere.length, { names }));
  }
  return sentences;
}

/** Gathers arrivals for GATHER_MS after the first, then hands their sentences to `say`. */
export class ArrivalAnnouncer {
  private pending: Arrival[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly words: () => Words,
    private readonly say: (text: string) => void,
    private readonly gatherMs = GATHER_MS,
  ) {}

  add(arrival: Arrival): void {
    this.pending.push(arrival);
    this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const sentences = describeArrivals(this.pending, this.words());
    this.pending = [];
    if (sentences.length > 0) this.say(sentences.join(' '));
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
