import { statusTexts } from '../glossary/en';
import { glossaryPtBR as g } from '../glossary/pt-BR';
import type { accessEn } from './access.en';

export const accessPtBR: Record<keyof typeof accessEn, string> = {
  'login.serverUrl': g.terms.serverUrl,
  'login.email': g.terms.email,
  'ticket.email': g.terms.email,
  'settings.serverUrl': g.terms.serverUrl,
  ...statusTexts(g),
  'live.chatMessage': '{name} escreveu: {text}',
  'live.chatMessages': '{name} escreveu {count} mensagens novas. A última: {text}',
  'live.inbox.one': '{count} mensagem nova de cliente na caixa de entrada, de {names}.',
  'live.inbox.other': '{count} mensagens novas de clientes na caixa de entrada, de {names}.',
  'live.windowEnding': 'A janela de 24 horas com {name} fecha em {time}.',
  'live.autoCloseEnding': 'A conversa com {name} será encerrada em {time} se o cliente não responder.',
  'ticket.closedByAgent': 'Conversa de WhatsApp encerrada por {name}',
  'ticket.emptyTimeline': 'Este ticket ainda não tem notas nem conversas encerradas. Adicione uma nota ou inicie uma conversa de WhatsApp: o histórico vem para cá quando ela for encerrada.',
  'ticket.emptyTimelineChat': 'Ainda não há notas. A conversa de WhatsApp ao lado vem para cá, com o histórico, quando for encerrada.',
  'newConversation.optedOut': 'Parou de receber mensagens de marketing: só modelos de utilidade e de autenticação podem ser enviados.',
  'newConversation.cannotOpen': 'Não é possível iniciar uma conversa: {reason}',
  'draft.restored': 'Rascunho guardado de antes',
};
