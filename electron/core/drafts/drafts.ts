import type { KeyValueStore } from '../ports';

/** How many drafts one user keeps; the oldest go first beyond it. */
export const MAX_DRAFTS = 200;
const KEY = 'drafts';

interface Draft {
  text: string;
  /** When it was last typed (ms): the newest are kept. */
  at: number;
}
type Drafts = Record<string, Record<string, Draft>>;

/**
 * What an agent typed and has not sent, per conversation (issue 19): kept by the desktop core in
 * its own store (a JSON file in Electron), so it survives switching conversations and a restart,
 * and never leaves the machine. One set per signed-in user; cleared when sent, or when that user
 * signs out (the next person on this machine does not read them).
 */
export class DraftService {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  get(userId: string, conversationId: string): string {
    return this.all()[userId]?.[conversationId]?.text ?? '';
  }

  /** Empty text (or only spaces) forgets the draft. */
  set(userId: string, conversationId: string, text: string): void {
    const all = this.all();
    const mine = { ...all[userId] };
    if (text.trim()) mine[conversationId] = { text, at: this.now() };
    else delete mine[conversationId];
    const kept = Object.entries(mine)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_DRAFTS);
    this.store.set(KEY, { ...all, [userId]: Object.fromEntries(kept) });
  }

  forgetUser(userId: string): void {
    const { [userId]: _gone, ...others } = this.all();
    this.store.set(KEY, others);
  }

  private all(): Drafts {
    const value = this.store.get(KEY);
    return value && typeof value === 'object' ? (value as Drafts) : {};
  }
}
