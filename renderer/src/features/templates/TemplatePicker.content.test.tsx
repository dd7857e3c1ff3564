// @vitest-environment jsdom
/**
 * The template picker and template components (issue 12), with Testing Library over a fake
 * `window.api`: a template the server marks not sendable is shown with the reason; a LOCATION
 * header asks for the place and sends it as headerLocation; an authentication template asks for
 * its code once (it fills body and button); the preview shows the buttons.
 */
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/api/templates';
import { renderWithFakeDesktop } from '../../testing/fakeDesktop';
import { templateTitle } from '../../../../shared/domain/template-title';
import { TemplatePicker } from './TemplatePicker';

configure({ asyncUtilTimeout: 5_000 });

const NOW = '2026-12-02T12:00:00.000Z';
const CONTACT = { id: '00000000-0000-4000-8000-00000000c001', name: 'Elena Souza', phone: '+5511999990004', marketingOptOutAt: null };
const template = (t: Partial<Template> & Pick<Template, 'id' | 'name' | 'components'>): Template => ({
  language: 'en_US', category: 'UTILITY', status: 'APPROVED', parameterFormat: 'POSITIONAL', examples: {}, sendable: true, notSendableReason: null, ...t,
});
const TEMPLATES: Template[] = [
  template({
    id: '00000000-0000-4000-8000-0000000f0001', name: 'delivery_on_its_way',
    components: [
      { type: 'HEADER', format: 'LOCATION' },
      { type: 'BODY', text: 'Good news! Your order is on its way to the place above.' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop updates' }, { type: 'URL', text: 'Track it', url: 'https://shop.test/track' }] },
    ],
  }),
  template({
    id: '00000000-0000-4000-8000-0000000f0002', name: 'login_code', category: 'AUTHENTICATION',
    components: [{ type: 'BODY', text: '*{{1}}* is your verification code.' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otpType: 'COPY_CODE', text: 'Copy code' }] }],
  }),
  template({
    id: '00000000-0000-4000-8000-0000000f0003', name: 'succulent_carousel', category: 'MARKETING', sendable: false,
    notSendableReason: 'Carousel templates cannot be sent from ZapDesk yet.',
    components: [{ type: 'BODY', text: 'Rare succulents for sale!' }, { type: 'OTHER', kind: 'CAROUSEL', raw: {} }],
  }),
];

/** The picker on Elena; the sends it makes (answered with an error: what was asked is what counts). */
function renderPicker() {
  const { calls } = renderWithFakeDesktop(<TemplatePicker contact={CONTACT} onClose={() => undefined} onSent={() => undefined} />, {
    'templates:list': () => ({ items: TEMPLATES, serverTime: NOW }),
    'tickets:list': () => ({ items: [], nextCursor: null, serverTime: NOW }),
    'contacts:conversations': () => ({ items: [], nextCursor: null, serverTime: NOW }),
  });
  return { get sends() { return calls.filter((c) => c.channel === 'templates:send').map((c) => c.input); } };
}

/** A template's row, found by its readable title ("Login code" for login_code: what agents see). */
const option = (name: string) => screen.getAllByTestId('template-option').find((o) => o.textContent?.includes(templateTitle(name)))!;

describe('template components in the picker', () => {
  afterEach(cleanup);

  it('shows a template the server cannot send with the reason, and never offers to send it', async () => {
    renderPicker();
    await waitFor(() => expect(screen.getAllByTestId('template-option')).toHaveLength(3));
    const carousel = option('succulent_carousel');
    expect(within(carousel).getByTestId('template-unsendable').textContent).toBe('Cannot be sent: Carousel templates cannot be sent from ZapDesk yet.');
    await userEvent.setup().click(carousel);
    expect(screen.queryByTestId('template-send') === null || (screen.getByTestId('template-send') as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks for a location header’s place, shows the buttons in the preview, and sends the place', async () => {
    const picker = renderPicker();
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId('template-option')).toHaveLength(3));
    await user.click(option('delivery_on_its_way'));
    const place = await screen.findByTestId('header-location');
    const buttons = screen.getByTestId('preview-buttons');
    expect(buttons.textContent).toContain('Stop updates');
    expect(buttons.textContent).toContain('Track it');
    const send = screen.getByTestId('template-send') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await user.type(within(place).getByLabelText('Latitude'), '-23.5614');
    await user.type(within(place).getByLabelText('Longitude'), '-46.6559');
    await user.type(within(place).getByLabelText('Place name'), 'Loja Paulista');
    await waitFor(() => expect(send.disabled).toBe(false));
    await user.click(send);
    await waitFor(() => expect(picker.sends).toHaveLength(1));
    expect(picker.sends[0]).toMatchObject({ templateId: TEMPLATES[0]!.id, headerLocation: { latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista' } });
    expect(picker.sends[0]!.headerMedia).toBeUndefined();
  });

  it('asks an authentication template’s code once: it fills the message and its copy button', async () => {
    const picker = renderPicker();
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId('template-option')).toHaveLength(3));
    await user.click(option('login_code'));
    const code = await screen.findByLabelText(/Verification code/);
    expect(screen.getAllByRole('textbox').filter((box) => box.closest('[data-testid="template-picker"]') && box.getAttribute('type') !== 'search')).toHaveLength(1);
    await user.type(code, '731904');
    const preview = screen.getByTestId('template-preview');
    expect(preview.textContent).toContain('*731904* is your verification code.');
    expect(within(preview).getByTestId('preview-buttons').textContent).toContain('731904');
    await user.click(screen.getByTestId('template-send'));
    await waitFor(() => expect(picker.sends).toHaveLength(1));
    expect(picker.sends[0]!.parameters).toEqual({ '1': '731904' });
  });
});
