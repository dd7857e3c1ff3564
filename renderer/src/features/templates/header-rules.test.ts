import { describe, expect, it } from 'vitest';
import { headerAccept, headerFileProblem, marketingOptOut } from './header-rules';

const MB = 1024 * 1024;

describe('a file for a template header', () => {
  it('is taken when it is of the header’s type and within WhatsApp’s size', () => {
    expect(headerFileProblem('IMAGE', 'image/png', 200_000)).toBeNull();
    expect(headerFileProblem('IMAGE', 'image/jpeg', 5 * MB)).toBeNull();
    expect(headerFileProblem('VIDEO', 'video/mp4', 16 * MB)).toBeNull();
    expect(headerFileProblem('DOCUMENT', 'application/pdf', 20 * MB)).toBeNull();
  });

  it('is refused when it is of another type than the header', () => {
    expect(headerFileProblem('IMAGE', 'application/pdf', 1000)).toBe('HEADER_TYPE_MISMATCH');
    expect(headerFileProblem('DOCUMENT', 'image/png', 1000)).toBe('HEADER_TYPE_MISMATCH');
    expect(headerFileProblem('VIDEO', 'audio/mpeg', 1000)).toBe('HEADER_TYPE_MISMATCH');
    // A WebP is a sticker for WhatsApp, not an image header.
    expect(headerFileProblem('IMAGE', 'image/webp', 1000)).toBe('HEADER_TYPE_MISMATCH');
  });

  it('is refused with the server’s codes when WhatsApp takes it nowhere or it is too large', () => {
    expect(headerFileProblem('DOCUMENT', 'application/x-msdownload', 10)).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(headerFileProblem('IMAGE', 'image/png', 5 * MB + 1)).toBe('ATTACHMENT_TOO_LARGE');
  });

  it('is offered only among the header’s types in the file chooser', () => {
    expect(headerAccept('IMAGE')).toBe('image/jpeg,image/png');
    expect(headerAccept('VIDEO')).toBe('video/mp4,video/3gpp');
    expect(headerAccept('DOCUMENT')).toContain('application/pdf');
    expect(headerAccept('DOCUMENT')).not.toContain('image/');
  });
});

describe('marketing opt-out', () => {
  const at = '2025-03-02T10:00:00.000Z';
  it('stands in the way of a marketing template only, and only once the customer stopped them', () => {
    expect(marketingOptOut({ category: 'MARKETING' }, { marketingOptOutAt: at })).toBe(at);
    expect(marketingOptOut({ category: 'UTILITY' }, { marketingOptOutAt: at })).toBeNull();
    expect(marketingOptOut({ category: 'AUTHENTICATION' }, { marketingOptOutAt: at })).toBeNull();
    expect(marketingOptOut({ category: 'MARKETING' }, { marketingOptOutAt: null })).toBeNull();
    expect(marketingOptOut({ category: 'MARKETING' }, {})).toBeNull();
    expect(marketingOptOut(null, { marketingOptOutAt: at })).toBeNull();
  });
});
