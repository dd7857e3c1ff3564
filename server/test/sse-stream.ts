/** A live SSE connection for server tests, and a bounded wait. */
import { expect } from 'vitest';

export interface Frame {
  id: number;
  event: string;
  data: { type: string; id: string; message?: { id: string; text: string | null; status?: string } };
}

/** A live SSE connection that gathers every event frame until closed. */
export async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/events`, { signal: controller.signal, headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const frames: Frame[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const fields = Object.fromEntries(buffer.slice(0, end).split('\n').map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]));
        buffer = buffer.slice(end + 2);
        if (fields.event) frames.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data!) });
      }
    }
  })().catch(() => undefined); // aborted
  return {
    frames,
    texts: () => frames.filter((f) => f.event === 'message.created').map((f) => f.data.message!.text),
    close: () => controller.abort(),
  };
}

/** Waits (bounded) until `check` holds; the assertion after it says what was missing. */
export async function eventually(check: () => boolean, limitMs = 20_000): Promise<void> {
  for (const start = Date.now(); !check() && Date.now() - start < limitMs; ) await new Promise((r) => setTimeout(r, 20));
}
