import { describe, expect, it } from 'vitest';
import { contactTitle, firstName, nameIsPhone } from './contact-name';

describe('a contact known only by number', () => {
  const unknown = { name: '+5511999990009', phone: '+5511999990009', email: null };
  it('shows the number once', () => {
    expect(nameIsPhone(unknown)).toBe(true);
    expect(contactTitle(unknown)).toEqual({ title: '+5511999990009', subtitle: null });
    expect(nameIsPhone({ name: '+55 11 99999-0009', phone: '+5511999990009' })).toBe(true);
  });

  it('has no first name to greet', () => {
    expect(firstName(unknown)).toBeNull();
  });
});

describe('a named contact', () => {
  const bruno = { name: 'Bruno Costa', phone: '+5511999990001', email: 'bruno@example.com' };
  it('shows the name with the phone under it', () => {
    expect(nameIsPhone(bruno)).toBe(false);
    expect(contactTitle(bruno)).toEqual({ title: 'Bruno Costa', subtitle: '+5511999990001' });
    expect(contactTitle({ name: 'Fábio Lima', phone: null, email: 'fabio@example.com' })).toEqual({ title: 'Fábio Lima', subtitle: 'fabio@example.com' });
  });

  it('is greeted by the first name', () => {
    expect(firstName(bruno)).toBe('Bruno');
    expect(firstName({ name: '  Ana  Maria ', phone: null })).toBe('Ana');
  });

  it('keeps a name that is another number than the phone', () => {
    expect(nameIsPhone({ name: '123', phone: '+5511999990001' })).toBe(false);
  });
});
