import { describe, expect, it } from 'vitest';
import { templateTitle } from './template-title';

describe('templateTitle', () => {
  it('reads a WhatsApp template name as words, letter for letter', () => {
    expect(templateTitle('order_update')).toBe('Order update');
    expect(templateTitle('welcome-back_2')).toBe('Welcome back 2');
    expect(templateTitle('verify_code')).toHaveLength('verify_code'.length);
  });
});
