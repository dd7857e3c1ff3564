import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';
import type { CustomerMessageInput, Received } from './ingest';

const received = (input: CustomerMessageInput) => ({ message: { text: input.text } }) as unknown as Received;

describe('group commit (customer messages)', () => {
  it('writes messages that arrive together in one batch, and each caller gets its own result', async () => {
    const batches: string[][] = [];
    const ingest = new GroupCommit<CustomerMessageInput, Received | null>(async (inputs) => {
      batches.push(inputs.map((i) => i.text));
      return inputs.map(received);
    }, 256, 1);
    const results = await Promise.all(['a', 'b', 'c'].map((text) => ingest.submit({ phone: '+5511900000001', text })));
    expect(results.map((r) => r!.message.text)).toEqual(['a', 'b', 'c']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('applies a failed batch message by message, so only the bad message fails', async () => {
    const ingest = new GroupCommit<CustomerMessageInput, Received | null>(async (inputs) => {
      if (inputs.some((i) => i.text === 'bad')) throw new Error('cannot store this one');
      return inputs.map(received);
    }, 256, 1);
    const results = await Promise.allSettled(['ok 1', 'bad', 'ok 2'].map((text) => ingest.submit({ phone: '+5511900000001', text })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('cannot store this one');
  });

  it('runs a batch again after a deadlock, which is nobody’s fault', async () => {
    let calls = 0;
    const ingest = new GroupCommit<CustomerMessageInput, Received | null>(async (inputs) => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return inputs.map(received);
    }, 256, 1);
    expect((await ingest.submit({ phone: '+5511900000001', text: 'x' }))!.message.text).toBe('x');
    expect(calls).toBe(2);
  });
});
