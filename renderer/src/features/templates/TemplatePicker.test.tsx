// @vitest-environment jsdom
/**
 * The template picker's preselection (issue 14), rendered with Testing Library over a fake
 * `window.api`: the customer's version first and marked, fields labelled and filled in, the
 * contact's open ticket chosen, and Send saying why it is disabled.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact, Message } from '../../../../shared/api/schemas';
import type { Template } from '../../../../shared/api/templates';
import { buildDesktopApi } from '../../../../shared/ipc/bridge';
import type { InvokeChannel } from '../../../../shared/ipc/contract';
import { I18nProvider } from '../../i18n/i18n';
import { TemplatePicker } from './TemplatePicker';

configure({ asyncUtilTimeout: 5_000 });

const NOW = '2026-12-02T12:00:00.000Z';
const orderUpdate = (language: string, body: string): Template => ({
  id: `order_update-${language}`,
  name: 'order_update',
  language,
  category: 'UTILITY',
  status: 'APPROVED',
  parameterFormat: 'POSITIONAL',
  components: [{ type: 'BODY', text: body }],
  examples: { '1': 'Elena', '2': 'A-1234' },
  sendable: true,
});
// The server's order: Spanish first, so a picker that does not sort would offer it first.
const TEMPLATES = [
  orderUpdate('es', 'Hola {{1}}, tu pedido {{2}} fue actualizado.'),
  orderUpdate('en_US', 'Hi {{1}}, your order {{2}} has been updated.'),
  orderUpdate('pt_BR', 'Olá {{1}}, seu pedido {{2}} foi atualizado.'),
];

const contact = (phone: string): Pick<Contact, 'id' | 'name' | 'phone' | 'marketingOptOutAt'> => ({
  id: '00000000-0000-4000-8000-00000000c001',
  name: 'Gabriela Rocha',
  phone,
  marketingOptOutAt: null,
});
const TICKETS = [
  { id: 't-pending', number: 7, subject: 'Old question', status: 'pending' },
  { id: 't-open', number: 12, subject: 'Pedido A-2040', status: 'open' },
].map((t) => ({ ...t, priority: 'normal', contact: { id: 'c', name: 'Gabriela Rocha', phone: null }, assignee: null, createdAt: NOW, updatedAt: NOW }));

function renderPicker(props: { phone: string; messages?: Message[]; tickets?: typeof TICKETS; earlier?: Message[]; onClose?: () => void }) {
  const answers: Partial<Record<InvokeChannel, () => unknown>> = {
    'app:info': () => ({ version: '1', platform: 'linux', host: 'web', systemLocale: 'en' }),
    'settings:get': () => ({ values: { language: 'en', serverUrl: 'http://127.0.0.1:1' }, managed: [] }),
    'templates:list': () => ({ items: TEMPLATES, serverTime: NOW }),
    'tickets:list': () => ({ items: props.tickets ?? TICKETS, nextCursor: null, serverTime: NOW }),
    // The contact's latest conversation, read when the picker is given no messages (a new conversation).
    'contacts:conversations': () => ({ items: props.earlier ? [{ id: 'c0' }] : [], nextCursor: null, serverTime: NOW }),
    'messages:list': () => ({ items: props.earlier ?? [], serverTime: NOW }),
  };
  (window as unknown as { api: unknown }).api = buildDesktopApi(
    async (channel) => {
      const answer = answers[channel]?.();
      return answer === undefined ? { ok: false, error: { code: 'NOT_FOUND', message: channel } } : { ok: true, data: answer };
    },
    () => () => undefined,
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <TemplatePicker contact={contact(props.phone)} messages={props.messages} onClose={props.onClose ?? (() => undefined)} onSent={() => undefined} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const options = () => screen.getAllByTestId('template-option');

describe('template picker preselection', () => {
  afterEach(cleanup);

  it('closes on Esc even when focus is not in it yet (pressed right after it opened), once', async () => {
    let closed = 0;
    renderPicker({ phone: '+5511999990006', onClose: () => closed++ });
    await waitFor(() => expect(options()).toHaveLength(3));
    (document.activeElement as HTMLElement | null)?.blur();
    expect(screen.getByTestId('template-picker').contains(document.activeElement)).toBe(false);
    const user = userEvent.setup();
    await user.keyboard('{Escape}');
    expect(closed).toBe(1);
    screen.getByRole('searchbox').focus();
    await user.keyboard('{Escape}');
    expect(closed).toBe(2);
  });

  it('offers a Brazilian number the pt_BR version first and marked; Enter picks it with the fields labelled and filled in', async () => {
    renderPicker({ phone: '+5511999990006' });
    await waitFor(() => expect(options()).toHaveLength(3));
    const first = options()[0]!;
    expect(first.textContent).toContain('Portuguese (Brazil)');
    expect(within(first).getByTestId('customer-language').textContent).toBe("Customer's language");
    expect(screen.getAllByTestId('customer-language')).toHaveLength(1);
    const search = screen.getByRole('searchbox');
    expect(search.getAttribute('aria-activedescendant')).toBe(first.id);

    const user = userEvent.setup();
    await user.type(search, '{Enter}');
    const name = await screen.findByLabelText(/Customer's first name/);
    expect((name as HTMLInputElement).value).toBe('Gabriela');
    // The open ticket (not the pending one, not "A new ticket") is chosen, and its subject holds the order number.
    await waitFor(() => expect((screen.getByTestId('ticket-choice') as HTMLSelectElement).value).toBe('t-open'));
    await waitFor(() => expect((screen.getByLabelText(/Order number/) as HTMLInputElement).value).toBe('A-2040'));
    expect((screen.getByTestId('template-send') as HTMLButtonElement).disabled).toBe(false);
  });

  it('follows the agent when another ticket or a new one is chosen, and keeps what the agent typed', async () => {
    renderPicker({ phone: '+5511999990006' });
    await waitFor(() => expect(options()).toHaveLength(3));
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox'), '{Enter}');
    const order = (await screen.findByLabelText(/Order number/)) as HTMLInputElement;
    await waitFor(() => expect(order.value).toBe('A-2040'));
    await user.selectOptions(screen.getByTestId('ticket-choice'), '');
    expect(order.value).toBe('');
    const send = screen.getByTestId('template-send') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    const reason = document.getElementById(send.getAttribute('aria-describedby')!);
    expect(reason?.textContent).toBe('Fill in first: Order number.');
    await user.clear(screen.getByLabelText(/Customer's first name/));
    await user.type(screen.getByLabelText(/Customer's first name/), 'Gabi');
    await user.selectOptions(screen.getByTestId('ticket-choice'), 't-open');
    expect((screen.getByLabelText(/Customer's first name/) as HTMLInputElement).value).toBe('Gabi');
    expect(order.value).toBe('A-2040');
  });

  it('takes the language the customer writes in over the phone’s country', async () => {
    const wrote: Message = {
      id: 'm1', conversationId: 'c1', direction: 'inbound', kind: 'text', text: 'Hola, necesito ayuda con mi pedido, gracias', status: 'received',
      createdAt: NOW, attachments: [], reactions: [],
    };
    renderPicker({ phone: '+5511999990006', messages: [wrote], tickets: [] });
    await waitFor(() => expect(options()).toHaveLength(3));
    expect(options()[0]!.textContent).toContain('Spanish');
    expect(within(options()[0]!).getByTestId('customer-language')).toBeTruthy();
    expect(screen.queryByTestId('ticket-choice')).toBeNull();
  });

  it('marks nothing for a number whose language has no version, and keeps the server’s order', async () => {
    renderPicker({ phone: '+33612345678', tickets: [] });
    await waitFor(() => expect(options()).toHaveLength(3));
    expect(screen.queryAllByTestId('customer-language')).toHaveLength(0);
    expect(options()[0]!.textContent).toContain('Spanish');
  });

  it('reads a new conversation’s language from the contact’s latest one: the last template went in English', async () => {
    const earlier: Message[] = [
      { id: 'm1', conversationId: 'c0', direction: 'outbound', kind: 'template', template: { name: 'order_update', language: 'en_US' }, text: 'Hi Gabriela', status: 'read', createdAt: NOW, attachments: [], reactions: [] },
      { id: 'm2', conversationId: 'c0', direction: 'inbound', kind: 'text', text: 'ok', status: 'received', createdAt: NOW, attachments: [], reactions: [] },
    ];
    renderPicker({ phone: '+5511999990006', earlier, tickets: [] });
    await waitFor(() => expect(within(options()[0]!).queryByTestId('customer-language')).toBeTruthy());
    expect(options()[0]!.textContent).toContain('English (United States)');
  });
});
