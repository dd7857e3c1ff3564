/** The one vocabulary of the Spanish UI (see en.ts). */
import type { Glossary } from './en';

export const glossaryEs: Glossary = {
  terms: {
    email: 'Correo electrónico',
    serverUrl: 'URL del servidor',
    templateStatus: { APPROVED: 'aprobada', PENDING: 'en revisión', REJECTED: 'rechazada', PAUSED: 'pausada', DISABLED: 'desactivada', IN_APPEAL: 'en apelación', PENDING_DELETION: 'en eliminación', DELETED: 'eliminada', ARCHIVED: 'archivada', LIMIT_EXCEEDED: 'sobre el límite de plantillas', LOCKED: 'bloqueada' },
  },
  avoid: ['E-mail', 'e-mail', 'Dirección del servidor', 'dirección del servidor', 'dirección de servidor', 'Ingresar', 'template'],
};
