import { statusTexts } from '../glossary/en';
import { glossaryEs as g } from '../glossary/es';
import type { accessEn } from './access.en';

export const accessEs: Record<keyof typeof accessEn, string> = {
  'login.serverUrl': g.terms.serverUrl,
  'login.email': g.terms.email,
  'ticket.email': g.terms.email,
  'settings.serverUrl': g.terms.serverUrl,
  ...statusTexts(g),
  'live.chatMessage': '{name} escribió: {text}',
  'live.chatMessages': '{name} escribió {count} mensajes nuevos. El último: {text}',
  'live.inbox.one': '{count} mensaje nuevo de cliente en la bandeja, de {names}.',
  'live.inbox.other': '{count} mensajes nuevos de clientes en la bandeja, de {names}.',
  'live.windowEnding': 'La ventana de 24 horas con {name} se cierra en {time}.',
  'live.autoCloseEnding': 'La conversación con {name} se cierra en {time} si el cliente no responde.',
  'ticket.closedByAgent': 'Conversación de WhatsApp cerrada por {name}',
  'ticket.emptyTimeline': 'Este ticket aún no tiene notas ni conversaciones cerradas. Añade una nota o inicia una conversación de WhatsApp: su historial llega aquí cuando se cierra.',
  'ticket.emptyTimelineChat': 'Aún no hay notas. La conversación de WhatsApp de al lado llega aquí, con su historial, cuando se cierre.',
  'newConversation.optedOut': 'Dejó de recibir mensajes de marketing: solo se pueden enviar plantillas de utilidad y de autenticación.',
  'newConversation.cannotOpen': 'No se puede iniciar una conversación: {reason}',
  'draft.restored': 'Borrador guardado de antes',
};
