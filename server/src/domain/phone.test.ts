import { describe, expect, it } from 'vitest';
import { phoneDigits, phoneVariants } from './phone';

describe('phone variants', () => {
  it('matches Brazilian mobiles with and without the ninth digit, both ways', () => {
    expect(phoneVariants('+5511999990001')).toEqual(['5511999990001', '551199990001']);
    expect(phoneVariants('551199990001')).toEqual(['551199990001', '5511999990001']);
    expect(phoneVariants('+55 21 98765-4321')).toEqual(['5521987654321', '552187654321']);
  });

  it('leaves landlines and other countries alone', () => {
    expect(phoneVariants('+551133334444')).toEqual(['551133334444']);
    expect(phoneVariants('+34612345678')).toEqual(['34612345678']);
    expect(phoneVariants('+15551234567')).toEqual(['15551234567']);
    expect(phoneDigits('+1 (555) 123-4567')).toBe('15551234567');
  });
});
