import type { ConversationSummary, MessagingEvents } from '../../messaging';
import type { ChatbotSystem } from '../../system';
import { actions, button, el, openDashboard, statGrid, table } from '../kit';

const RECENT_LIMIT = 10;
const REFRESH_MS = 5000;
// Bursts of events (another tab importing a history) redraw once per frame at most.
const LIVE_EVENTS: Array<keyof MessagingEvents> = [
  'message_sent', 'message_edited', 'message_deleted', 'messages_read', 'conversation_created', 'conversation_updated',
  'reaction_added', 'reaction_removed',
];

const when = (time: number): string =>
  new Date(time).toLocaleString('es-CO', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });

const preview = (summary: ConversationSummary): string => {
  const last = summary.lastMessage;
  if (!last) return 'Sin mensajes';
  const text = last.content.text || (last.content.attachments[0]?.name ?? last.type);
  return `${last.senderId}: ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
};

/**
 * The messaging dashboard of this browser's own data (the seed's, and `showMessagingDashboard()`
 * when no live chat is configured): totals (conversations, messages, threads, unread), the most
 * recently active conversations, and a button that creates a test conversation. Refreshes live as
 * messages arrive, here or in another tab.
 * @example showLocalMessagingDashboard(window, CHATBOT_SYSTEM);
 */
export function showLocalMessagingDashboard(host: Window, system: ChatbotSystem): void {
  const messaging = system.messaging;
  const doc = host.document;
  const view = openDashboard(host, 'dashboard-messaging', 'Mensajería');
  const overview = view.section('Resumen');
  const recent = view.section('Conversaciones recientes');
  const tools = view.section('Pruebas');

  const userLine = el(doc, 'p');
  const render = (): void => {
    userLine.textContent = `Usuario actual: ${messaging.currentUser}`;
    const stats = messaging.getStats();
    const index = messaging.getSearchIndexStats();
    overview.replaceChildren(
      statGrid(doc, [
        { label: 'Conversaciones', value: stats.totalConversations.toLocaleString('es-CO') },
        { label: 'Mensajes', value: stats.totalMessages.toLocaleString('es-CO'), hint: `${index.tokens.toLocaleString('es-CO')} palabras indexadas` },
        { label: 'Hilos', value: stats.totalThreads.toLocaleString('es-CO') },
        { label: 'No leídos', value: stats.unreadMessages.toLocaleString('es-CO'), hint: `de ${messaging.currentUser}` },
      ]),
    );
    recent.replaceChildren(
      table(
        doc,
        'Conversaciones con actividad más reciente',
        [
          { label: 'Conversación', value: (c) => c.name },
          { label: 'Tipo', value: (c) => (c.type === 'direct' ? 'Directa' : 'Grupo') },
          { label: 'Participantes', value: (c) => c.participants.join(', ') },
          { label: 'Último mensaje', value: preview },
          { label: 'Actividad', value: (c) => when(c.lastActivityAt) },
          { label: 'No leídos', value: (c) => c.unreadCount, numeric: true },
        ],
        messaging.getRecentConversations(RECENT_LIMIT),
        'Todavía no hay conversaciones',
      ),
    );
  };

  let scheduled = false;
  const refresh = (): void => {
    if (scheduled) return;
    scheduled = true;
    host.requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  };

  const createTestConversation = (): void => {
    try {
      const me = messaging.currentUser;
      const staff = system.config.staffIds[0] ?? 'asesor';
      const others = [staff, `cliente_prueba_${Math.floor(Math.random() * 10_000)}`].filter((id) => id !== me);
      const conversation = messaging.createConversation([me, ...others], { name: 'Conversación de prueba', type: 'group' });
      messaging.sendMessage(conversation.id, { text: `Hola @${others[0]}, esta es una conversación de prueba 👋` });
      view.announce(`Conversación de prueba creada: ${conversation.name}`, 'ok');
    } catch (error) {
      view.announce(`No se pudo crear la conversación: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
    render();
  };
  tools.append(actions(doc, button(doc, 'Crear conversación de prueba', createTestConversation, 'primary')));
  tools.append(userLine);

  const unsubscribe = LIVE_EVENTS.map((type) => messaging.on(type, refresh));
  view.onClose(() => unsubscribe.forEach((stop) => stop()));
  // Relative times and counts change without events too (another user's read markers).
  view.every(REFRESH_MS, render);
  render();
}
