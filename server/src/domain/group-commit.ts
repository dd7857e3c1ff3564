import { isTransient } from '../repo/rows';

interface Waiting<In, Out> {
  input: In;
  resolve: (result: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for writes arriving one by one (customer messages from the sandbox endpoint,
 * webhook deliveries): callers that arrive while a batch is being written wait for the next one,
 * which takes them all, so a burst costs a few statements instead of one transaction each. A
 * batch that fails is written again input by input, so one bad input never fails the others.
 */
export class GroupCommit<In, Out> {
  private readonly queue: Waiting<In, Out>[] = [];
  private flushing = 0;
  private scheduled = false;

  constructor(
    /** Writes a batch; one output per input, in order. */
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 256,
    /** Batches in flight at once. One measured best: callers answered together come back together. */
    private readonly concurrency = 1,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts a batch on the next turn of the event loop, not at once: callers answered by the batch
   * before usually send their next one in this turn, and join the same batch.
   */
  private pump(): void {
    if (this.scheduled || this.flushing >= this.concurrency || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // With more than one batch in flight, what is waiting is shared among them.
      const free = this.concurrency - this.flushing;
      const size = Math.min(this.maxBatch, Math.ceil(this.queue.length / free));
      for (let i = 0; i < free && this.queue.length; i++) {
        const batch = this.queue.splice(0, size);
        this.flushing++;
        void this.flush(batch).finally(() => {
          this.flushing--;
          this.pump();
        });
      }
    });
  }

  private async flush(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const results = await this.attempt(batch.map((w) => w.input));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) {
        await this.attempt([w.input]).then((r) => w.resolve(r[0]!), w.reject);
      }
    }
  }

  /** A deadlock or serialization failure is not the input's fault: run it again. */
  private async attempt(inputs: In[]): Promise<Out[]> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.run(inputs);
      } catch (error) {
        if (!isTransient(error) || tries >= 5) throw error;
      }
    }
  }
}
