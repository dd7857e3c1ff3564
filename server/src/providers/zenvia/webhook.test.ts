import { describe, expect, it } from 'vitest';
import { webhookItems } from './webhook';

const account = { senderId: '5511999990000' };
const status = (message: Record<string, unknown>, messageStatus: Record<string, unknown>) =>
  webhookItems({ id: 'evt-1', type: 'MESSAGE_STATUS', channel: 'whatsapp', message: { id: 'z-1', from: account.senderId, direction: 'OUT', ...message }, messageStatus }, account);

describe('Zenvia MESSAGE_STATUS events → status items', () => {
  it('reads SENT, DELIVERED, READ, and REJECTED / NOT_DELIVERED as failed with the first cause; ignores the other codes', () => {
    expect(status({ externalId: 'ours' }, { code: 'READ' })).toEqual([{ kind: 'status', dedupeKey: 'status:z-1:read', providerMessageId: 'z-1', status: 'read', correlationId: 'ours' }]);
    expect(status({}, { code: 'NOT_DELIVERED', causes: [{ channelErrorCode: '131049', reason: 'Marketing limit', details: 'try later' }, { reason: 'second' }] })).toEqual([
      expect.objectContaining({ status: 'failed', errorCode: 131049, errorTitle: 'Marketing limit', errorDetails: 'try later' }),
    ]);
    // A code that is not Meta's is kept as words, never read as a Meta code.
    expect(status({}, { code: 'REJECTED', description: 'Rejected', causes: [{ channelErrorCode: '470' }] })).toEqual([
      expect.objectContaining({ status: 'failed', errorTitle: 'Rejected', errorDetails: 'channel error 470' }),
    ]);
    expect(status({}, { code: 'REJECTED', causes: [{ channelErrorCode: '470' }] })[0]).not.toHaveProperty('errorCode');
    for (const code of ['CLICKED', 'VERIFIED', 'DELETED', 'ACCEPTED', '']) expect(status({}, { code })).toEqual([]);
  });

  it('follows only our own sends: not another sender\'s, not a customer\'s message, not another channel', () => {
    expect(status({ from: '5511888880000' }, { code: 'SENT' })).toEqual([]);
    expect(status({ direction: 'IN' }, { code: 'READ' })).toEqual([]);
    expect(webhookItems({ type: 'MESSAGE_STATUS', channel: 'sms', message: { id: 'z' }, messageStatus: { code: 'SENT' } }, account)).toEqual([]);
    // The deprecated top-level messageId still names the message.
    expect(webhookItems({ type: 'MESSAGE_STATUS', messageId: 'z-old', messageStatus: { code: 'SENT' } }, account)).toEqual([expect.objectContaining({ providerMessageId: 'z-old' })]);
  });
});
