/** The one vocabulary of the Brazilian Portuguese UI (see en.ts). */
import type { Glossary } from './en';

export const glossaryPtBR: Glossary = {
  terms: {
    email: 'E-mail',
    serverUrl: 'URL do servidor',
    templateStatus: { APPROVED: 'aprovado', PENDING: 'em análise', REJECTED: 'rejeitado', PAUSED: 'pausado', DISABLED: 'desativado', IN_APPEAL: 'em recurso', PENDING_DELETION: 'sendo excluído', DELETED: 'excluído', ARCHIVED: 'arquivado', LIMIT_EXCEEDED: 'acima do limite de modelos', LOCKED: 'bloqueado' },
  },
  avoid: ['Email', 'Endereço do servidor', 'endereço do servidor', 'endereço de servidor', 'Logar', 'template'],
};
