/** Direct calls to the real server, as an administrator, for what a customer or the clock does. */
export const DEMO_PASSWORD = 'demo-password';

let override: string | null = null;

/** Points these helpers at another server (a spec's own stack) until called with null. */
export function pointServerApiAt(url: string | null) {
  override = url;
}

function serverUrl(): string {
  const url = override ?? process.env.E2E_SERVER_URL;
  if (!url) throw new Error('E2E_SERVER_URL is not set: run through playwright.config.ts');
  return url;
}

async function adminToken(): Promise<string> {
  const response = await fetch(`${serverUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.test', password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`admin login failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function post(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${serverUrl()}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A customer writes to the business (sandbox provider), with a file uploaded by uploadFile. */
export function customerWrites(from: string, text: string, attachmentId?: string) {
  return post('/sandbox/customer-messages', { from, text, ...(attachmentId ? { attachmentId } : {}) });
}

/** Uploads a file as an administrator (POST /attachments); its id goes with customerWrites. */
export async function uploadFile(bytes: Buffer, fileName: string, mimeType: string): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: mimeType }), fileName);
  const response = await fetch(`${serverUrl()}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await adminToken()}` }, body: form });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Moves the sandbox clock forward. */
export function advanceClock(seconds: number) {
  return post('/sandbox/clock', { advanceSeconds: seconds });
}

/** A ticket with its timeline, as the server has it. */
export async function getTicket(id: string): Promise<any> {
  const response = await fetch(`${serverUrl()}/api/v1/tickets/${id}`, { headers: { authorization: `Bearer ${await adminToken()}` } });
  if (!response.ok) throw new Error(`GET ticket failed: ${response.status}`);
  return response.json();
}

/** What WhatsApp would report for an outbound message (sandbox). */
export function reportStatus(messageId: string, status: 'delivered' | 'read' | 'failed', error?: { code: string; message: string }) {
  return post('/sandbox/message-status', { messageId, status, error });
}

/** Many customer messages with one sign-in (long lists, issue 15), `parallel` at a time, in order per customer. */
export async function customersWrite(messages: { from: string; text: string; attachmentId?: string }[], parallel = 6): Promise<void> {
  const token = await adminToken();
  const send = async ({ from, text, attachmentId }: (typeof messages)[number]) => {
    const response = await fetch(`${serverUrl()}/api/v1/sandbox/customer-messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ from, text, ...(attachmentId ? { attachmentId } : {}) }),
    });
    if (!response.ok) throw new Error(`customer message failed: ${response.status} ${await response.text()}`);
  };
  // One customer's messages go one after another (their order is the chat's); customers in parallel.
  const byCustomer = new Map<string, typeof messages>();
  for (const m of messages) byCustomer.set(m.from, [...(byCustomer.get(m.from) ?? []), m]);
  const lines = [...byCustomer.values()];
  const worker = async () => {
    for (let line = lines.shift(); line; line = lines.shift()) for (const message of line) await send(message);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
