/** Issue 20: the rate card (Meta's CSV and JSON) and the quote before a template is sent. */
import { expect, it } from 'vitest';
import { contactOf, describeOnEachDatabase, type Harness } from './harness';
import { newCustomer, templateId } from './pricing-helpers';

const META_CSV = [
  'Cost per message in USD, effective July 1, 2025,,,,,,',
  'Note: Authentication-International rates apply in some markets.,,,,,,',
  'Market,Currency,Marketing,Utility,Authentication,"Authentication-',
  'International",Service',
  'Brazil,USD,0.0700,0.0080,0.0080,n/a,n/a',
  'India,USD,0.0107,0.0014,0.0014,0.0280,n/a',
  'North America,USD,0.0250,0.0040,0.0040,n/a,n/a',
  'Rest of Latin America,USD,0.0740,0.0113,0.0113,n/a,n/a',
  'Other,USD,0.0604,0.0077,0.0077,n/a,n/a',
  '',
].join('\r\n');

const putCsv = async (h: Harness, token: string, csv: string, query = '') =>
  fetch(`${h.url}/api/v1/admin/rate-card${query}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv })
    .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describeOnEachDatabase('pricing: rate card and quotes', (h) => {
  const quote = async (contactId: string, template: string, language?: string, email = 'agent@demo.test') => {
    const token = await h.login(email);
    return h.api('/api/v1/template-sends/quote', { token, body: { contactId, templateId: await templateId(h, token, template, language) } });
  };

  it('quotes from the demo card, named as a demo: marketing always, utility free inside the window', async () => {
    const admin = await h.login('admin@demo.test');
    const cards = (await h.api('/api/v1/admin/rate-card', { token: admin })).body;
    expect(cards.cards).toHaveLength(1);
    expect(cards.cards[0].name).toMatch(/demo/i);
    expect(cards.inForce).toBe(cards.cards[0].effectiveFrom);
    expect(cards.businessCountry).toBe('BR');

    const agent = await h.login('agent@demo.test');
    const elena = (await contactOf(h, agent, 'Elena Souza')).id; // never wrote: no window
    const bruno = (await contactOf(h, agent, 'Bruno Costa')).id; // wrote 2 h ago: window open
    expect((await quote(elena, 'welcome_back')).body).toMatchObject({ billable: true, reason: 'CHARGED', category: 'MARKETING', market: 'Brazil', country: 'BR', currency: 'USD', amount: 0.0625 });
    expect((await quote(bruno, 'welcome_back')).body).toMatchObject({ billable: true, reason: 'CHARGED', category: 'MARKETING', amount: 0.0625 });
    expect((await quote(bruno, 'order_update', 'pt_BR')).body).toMatchObject({ billable: false, reason: 'FREE_SERVICE_WINDOW', category: 'UTILITY', amount: 0 });
    expect((await quote(elena, 'order_update', 'pt_BR')).body).toMatchObject({ billable: true, reason: 'CHARGED', category: 'UTILITY', amount: 0.0068 });
    expect((await quote(elena, 'verify_code')).body).toMatchObject({ billable: true, reason: 'CHARGED', category: 'AUTHENTICATION', amount: 0.0068 });
  });

  it('charges authentication-international where the market has it and the business is elsewhere', async () => {
    const india = await newCustomer(h, '+919812345678');
    expect((await quote(india, 'verify_code')).body).toMatchObject({ reason: 'CHARGED', category: 'AUTHENTICATION_INTERNATIONAL', market: 'India', country: 'IN', amount: 0.028 });
    // Marketing to India is the market's plain marketing price.
    expect((await quote(india, 'welcome_back')).body).toMatchObject({ category: 'MARKETING', amount: 0.0107 });
  });

  it('never guesses: a market the card does not price is NO_RATE with no amount', async () => {
    const uk = await newCustomer(h, '+447400123456');
    expect((await quote(uk, 'welcome_back')).body).toMatchObject({ billable: true, reason: 'NO_RATE', category: 'MARKETING', market: null, country: 'GB', currency: 'USD', amount: null });
  });

  it('is free inside a free-entry-point window: 72 h from a reply within 24 h, charged once it lapsed', async () => {
    const admin = await h.login('admin@demo.test');
    const unanswered = await newCustomer(h, '+5511977770001', true);
    const answered = await newCustomer(h, '+5511977770002', true);
    expect((await quote(unanswered, 'welcome_back')).body).toMatchObject({ billable: false, reason: 'FREE_ENTRY_POINT', amount: 0 });
    // The business replies within 24 h: the reply opens 72 h of free templates, beyond the 24-hour window.
    const agent = await h.login('agent@demo.test');
    const me = (await h.api('/api/v1/me', { token: agent })).body;
    const conversation = (await h.api(`/api/v1/contacts/${answered}/conversations`, { token: agent })).body.items[0];
    expect((await h.api(`/api/v1/conversations/${conversation.id}/assign`, { token: agent, body: { assigneeId: me.id ?? me.user.id } })).status).toBe(200);
    expect((await h.api(`/api/v1/conversations/${conversation.id}/messages`, { token: agent, body: { text: 'Olá! Como posso ajudar?' } })).status).toBe(201);
    await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 30 * 3600 } });
    expect((await quote(unanswered, 'welcome_back')).body).toMatchObject({ billable: true, reason: 'CHARGED', amount: 0.0625 });
    expect((await quote(answered, 'welcome_back')).body).toMatchObject({ billable: false, reason: 'FREE_ENTRY_POINT' });
    // A fresh token: the moved clock outlived the first one.
    await h.api('/api/v1/sandbox/clock', { token: await h.login('admin@demo.test'), body: { advanceSeconds: 43 * 3600 } });
    expect((await quote(answered, 'order_update', 'pt_BR')).body).toMatchObject({ billable: true, reason: 'CHARGED', category: 'UTILITY' });
  });

  it('lets agents quote but only administrators change the card; supervisors read it', async () => {
    const agent = await h.login('agent@demo.test');
    const refused = await h.api('/api/v1/admin/rate-card', { method: 'PUT', token: agent, body: { currency: 'USD', effectiveFrom: '2025-01-01', markets: [] } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await putCsv(h, agent, META_CSV)).status).toBe(403);
    expect((await h.api('/api/v1/admin/rate-card', { token: agent })).status).toBe(403);
    expect((await h.api('/api/v1/admin/rate-card', { token: await h.login('supervisor@demo.test') })).status).toBe(200);
    const elena = (await contactOf(h, agent, 'Elena Souza')).id;
    const supervisorQuote = await quote(elena, 'welcome_back', undefined, 'supervisor@demo.test');
    expect(supervisorQuote.status).toBe(403);
    expect(supervisorQuote.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('refuses bad CSV rows with their row number (422) and loads nothing', async () => {
    const admin = await h.login('admin@demo.test');
    const bad = META_CSV.replace('India,USD,0.0107', 'India,USD,cheap').replace('Other,USD', 'Atlantis,USD');
    const refused = await putCsv(h, admin, bad);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('RATE_CARD_INVALID');
    expect(refused.body.errors).toEqual([
      { path: 'row 6', message: expect.stringContaining('marketing') },
      { path: 'row 9', message: expect.stringContaining('Atlantis') },
    ]);
    expect(refused.body.detail).toContain('row 6');
    expect((await h.api('/api/v1/admin/rate-card', { token: admin })).body.cards).toHaveLength(1);
    expect((await putCsv(h, admin, 'hello,world\n1,2\n')).body).toMatchObject({ code: 'RATE_CARD_INVALID', errors: [{ path: 'row 1' }] });
  });

  it('loads Meta\'s CSV with its preamble date; the card in force is the latest started', async () => {
    const admin = await h.login('admin@demo.test');
    const loaded = await putCsv(h, admin, META_CSV);
    expect(loaded.status).toBe(200);
    const card = loaded.body.cards.find((c: { effectiveFrom: string }) => c.effectiveFrom === '2025-07-01');
    expect(card.markets).toContainEqual({ market: 'Rest of Latin America', countries: expect.arrayContaining(['BO', 'UY', 'PR']), marketing: 0.074, utility: 0.0113, authentication: 0.0113, authenticationInternational: null });
    expect(card.markets).toContainEqual(expect.objectContaining({ market: 'Other', countries: ['*'] }));
    // Same effectiveFrom as the demo card: replaced, so the new Brazil price applies.
    expect(loaded.body.cards).toHaveLength(1);
    const elena = (await contactOf(h, admin, 'Elena Souza')).id;
    expect((await quote(elena, 'welcome_back')).body).toMatchObject({ amount: 0.07, market: 'Brazil' });
    const uk = await newCustomer(h, '+447400123457');
    expect((await quote(uk, 'welcome_back')).body).toMatchObject({ reason: 'CHARGED', market: 'Other', amount: 0.0604 });

    // A later card (JSON) takes over once in force; one that starts in the future does not yet.
    const today = (await h.api('/api/v1/admin/rate-card', { token: admin })).body.serverTime.slice(0, 10);
    const json = (effectiveFrom: string, marketing: number) => ({
      currency: 'BRL', effectiveFrom, name: 'BRL card',
      markets: [{ market: 'Brazil', countries: ['BR'], marketing, utility: 0.035, authentication: 0.035, authenticationInternational: null }],
    });
    expect((await h.api('/api/v1/admin/rate-card', { method: 'PUT', token: admin, body: json(today, 0.3217) })).status).toBe(200);
    expect((await h.api('/api/v1/admin/rate-card', { method: 'PUT', token: admin, body: json('2999-01-01', 9) })).body.inForce).toBe(today);
    expect((await quote(elena, 'welcome_back')).body).toMatchObject({ currency: 'BRL', amount: 0.3217 });
  });

  it('refuses bad JSON markets with their place (422)', async () => {
    const admin = await h.login('admin@demo.test');
    const refused = await h.api('/api/v1/admin/rate-card', {
      method: 'PUT', token: admin,
      body: { currency: 'USD', effectiveFrom: '2025-10-01', markets: [
        { market: 'Brazil', countries: ['BR'], marketing: 0.06, utility: 0.007, authentication: 0.007 },
        { market: 'Brasil', countries: ['Brazil'], marketing: -1, utility: 0.007, authentication: 0.007 },
        { market: 'Again', countries: ['BR'], marketing: 0.06, utility: 0.007, authentication: 0.007 },
      ] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['markets[1]', 'markets[2]']);
    expect((await h.api('/api/v1/admin/rate-card', { method: 'PUT', token: admin, body: { currency: 'dollars', effectiveFrom: 'soon', markets: [] } })).status).toBe(400);
  });
}, { businessCountry: 'BR', loginRateLimit: { max: 10_000, timeWindowMs: 60_000 } });
