// @vitest-environment jsdom
/**
 * One vocabulary on screen (issue 19): the login and a ticket's customer column name the email
 * with the same word, the glossary's, in every language.
 */
import { cleanup, configure, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact, User } from '../../../shared/api/schemas';
import { glossaryEn } from '../../../shared/i18n/glossary/en';
import { glossaryEs } from '../../../shared/i18n/glossary/es';
import { glossaryPtBR } from '../../../shared/i18n/glossary/pt-BR';
import { LoginScreen } from '../features/auth/LoginScreen';
import { CustomerPanel } from '../features/tickets/CustomerPanel';
import { fakeDesktop, renderWithApp } from '../testing/fakeDesktop';

configure({ asyncUtilTimeout: 5_000 });

const ANA: User = { id: '00000000-0000-4000-8000-00000000a001', name: 'Ana Ribeiro', email: 'agent@demo.test', role: 'agent' };
const BRUNO: Contact = {
  id: 'k1', name: 'Bruno Costa', phone: '+5511999990001', email: 'bruno.costa@example.com', whatsapp: true,
  session: { state: 'closed', canSendTemplate: true },
};

describe('the glossary on screen', () => {
  afterEach(cleanup);

  for (const [language, glossary] of [['en', glossaryEn], ['es', glossaryEs], ['pt-BR', glossaryPtBR]] as const) {
    it(`login and ticket say "${glossary.terms.email}" in ${language}`, async () => {
      fakeDesktop({}, language);
      renderWithApp(
        <>
          <LoginScreen />
          <CustomerPanel customer={BRUNO} user={ANA} onWhatsApp={() => undefined} />
        </>,
      );
      expect(await screen.findByLabelText(glossary.terms.email)).toBeTruthy();
      expect(await screen.findByLabelText(glossary.terms.serverUrl)).toBeTruthy();
      expect(screen.getByText(glossary.terms.email, { selector: 'dt' })).toBeTruthy();
    });
  }
});
