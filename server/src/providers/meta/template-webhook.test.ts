import { describe, expect, it } from 'vitest';
import { parseWebhookText, webhookItems } from './webhook';

const account = { phoneNumberId: '1000000000001', wabaId: '102290129340398' };
const delivery = (field: string, value: Record<string, unknown>, entry: Record<string, unknown> = { id: account.wabaId, time: 1751247548 }) =>
  webhookItems(parseWebhookText(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ ...entry, changes: [{ field, value }] }] })), account);

describe('template webhooks', () => {
  it('reads a rejection with Meta’s reason and recommendation, and a flag with its disable date', () => {
    expect(delivery('message_template_status_update', {
      event: 'REJECTED', message_template_id: 1689556908129835, message_template_name: 'abandoned_cart', message_template_language: 'en',
      reason: 'INVALID_FORMAT', message_template_category: 'MARKETING',
      rejection_info: { reason: 'Parameters placed next to each other.', recommendation: 'Separate parameters with text.' },
    })).toEqual([{
      kind: 'template_status', dedupeKey: 'template:1689556908129835:REJECTED:1751247548', providerTemplateId: '1689556908129835',
      name: 'abandoned_cart', language: 'en', event: 'REJECTED',
      reason: 'INVALID_FORMAT: Parameters placed next to each other.: Separate parameters with text.',
    }]);
    expect(delivery('message_template_status_update', {
      event: 'FLAGGED', message_template_id: 1234567, message_template_name: 'My message template', message_template_language: 'en-US',
      reason: null, disable_info: { disable_date: 'January 31, 2021' },
    })[0]).toMatchObject({ kind: 'template_status', event: 'FLAGGED', language: 'en_US', reason: 'disabled from January 31, 2021' });
  });

  it('applies a recategorisation but not the notice of one still to come', () => {
    expect(delivery('template_category_update', {
      message_template_id: 278077987957091, message_template_name: 'welcome_template', message_template_language: 'en-US',
      new_category: 'UTILITY', correct_category: 'MARKETING', category_update_timestamp: 1746169200,
    })).toEqual([]);
    expect(delivery('template_category_update', {
      message_template_id: 278077987957091, message_template_name: 'welcome_template', message_template_language: 'en-US',
      previous_category: 'UTILITY', new_category: 'MARKETING',
    })).toEqual([{
      kind: 'template_update', dedupeKey: 'template-category:278077987957091:MARKETING:1751247548', providerTemplateId: '278077987957091',
      name: 'welcome_template', language: 'en_US', category: { category: 'MARKETING', providerCategory: null },
    }]);
    expect(delivery('template_category_update', { message_template_id: 12345678, message_template_name: 't', message_template_language: 'he', new_category: 'MARKETING' })[0])
      .toMatchObject({ category: { category: 'MARKETING' } });
  });

  it('reads quality and component changes', () => {
    expect(delivery('message_template_quality_update', {
      previous_quality_score: 'GREEN', new_quality_score: 'YELLOW', message_template_id: 806312974732579, message_template_name: 'welcome_template', message_template_language: 'en_US',
    })).toEqual([{
      kind: 'template_update', dedupeKey: 'template-quality:806312974732579:YELLOW:1751247548', providerTemplateId: '806312974732579',
      name: 'welcome_template', language: 'en_US', quality: 'YELLOW',
    }]);
    expect(delivery('message_template_components_update', {
      message_template_id: 12345678, message_template_name: 'my_message_template', message_template_language: 'he',
      message_template_element: 'Hi {{1}}! Welcome to our service.',
    })[0]).toMatchObject({ kind: 'template_update', components: [{ type: 'BODY', text: 'Hi {{1}}! Welcome to our service.' }] });
    expect(delivery('message_template_components_update', {
      message_template_id: 1315502779341834, message_template_name: 'order_confirmation', message_template_language: 'en_US',
      message_template_title: 'Your order is confirmed!', message_template_element: 'Thanks {{1}}!', message_template_footer: 'Lucky Shrub',
      message_template_buttons: [
        { message_template_button_type: 'PHONE_NUMBER', message_template_button_text: 'Phone support', message_template_button_phone_number: '+15550783881' },
        { message_template_button_type: 'URL', message_template_button_text: 'Email support', message_template_button_url: 'https://shop.test/support' },
      ],
    })[0]).toMatchObject({
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Your order is confirmed!' },
        { type: 'BODY', text: 'Thanks {{1}}!' },
        { type: 'FOOTER', text: 'Lucky Shrub' },
        { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'Phone support', phoneNumber: '+15550783881' }, { type: 'URL', text: 'Email support', url: 'https://shop.test/support' }] },
      ],
    });
  });

  it('ignores another account’s templates, unknown qualities and changes naming no template', () => {
    expect(delivery('message_template_quality_update', { new_quality_score: 'RED', message_template_id: 1 }, { id: '999', time: 1 })).toEqual([]);
    expect(delivery('message_template_quality_update', { new_quality_score: 'PURPLE', message_template_id: 1 })).toEqual([]);
    expect(delivery('template_category_update', { new_category: 'MARKETING' })).toEqual([]);
  });
});
