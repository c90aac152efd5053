import type { Language } from '../core/config';

/** The admin page's own words (its header, navigation and offline line), in the store's language. */
export interface ShellStrings {
  admin: string;
  sections: string;
  inbox: string;
  analytics: string;
  backup: string;
  notifications: string;
  offline: string;
  /** The inbox section's title, and what it says on a store without a chat server. */
  inboxTitle: string;
  notConfigured: string;
}

export const SHELL_STRINGS: Record<Language, ShellStrings> = {
  es: {
    admin: 'Administración', sections: 'Secciones', inbox: 'Bandeja', analytics: 'Analítica', backup: 'Copias de seguridad', notifications: 'Notificaciones',
    offline: 'Sin conexión: se muestran los datos guardados en este dispositivo. La bandeja de conversaciones vuelve al recuperar la conexión.',
    inboxTitle: 'Bandeja de conversaciones', notConfigured: 'El chat en vivo no está configurado: la bandeja se activa con config.liveChat.server (el servidor XMPP de la tienda).',
  },
  en: {
    admin: 'Administration', sections: 'Sections', inbox: 'Inbox', analytics: 'Analytics', backup: 'Backups', notifications: 'Notifications',
    offline: 'Offline: showing the data stored on this device. The inbox comes back when the connection does.',
    inboxTitle: 'Conversations inbox', notConfigured: "Live chat is not configured: the inbox turns on with config.liveChat.server (the store's XMPP server).",
  },
  pt: {
    admin: 'Administração', sections: 'Seções', inbox: 'Caixa de entrada', analytics: 'Análise', backup: 'Backups', notifications: 'Notificações',
    offline: 'Sem conexão: mostrando os dados guardados neste dispositivo. A caixa de entrada volta quando a conexão voltar.',
    inboxTitle: 'Caixa de conversas', notConfigured: 'O chat ao vivo não está configurado: a caixa de entrada é ativada com config.liveChat.server (o servidor XMPP da loja).',
  },
  fr: {
    admin: 'Administration', sections: 'Sections', inbox: 'Boîte de réception', analytics: 'Statistiques', backup: 'Sauvegardes', notifications: 'Notifications',
    offline: 'Hors ligne : les données enregistrées sur cet appareil sont affichées. La boîte de réception revient avec la connexion.',
    inboxTitle: 'Boîte des conversations', notConfigured: "Le chat en direct n'est pas configuré : la boîte de réception s'active avec config.liveChat.server (le serveur XMPP de la boutique).",
  },
};

/**
 * Writes the shell's words in `language` (admin.html is written in Spanish): the page's language,
 * the header, the navigation's label and links, the offline line.
 * @example translateShell(document, 'en', 'Repuestos Motos')
 */
export function translateShell(doc: Document, language: Language, storeName: string): ShellStrings {
  const strings = SHELL_STRINGS[language];
  doc.documentElement.lang = language;
  const heading = doc.querySelector('.admin-header h1');
  if (heading) heading.textContent = `${storeName} · ${strings.admin}`;
  doc.querySelector('.admin-header nav')?.setAttribute('aria-label', strings.sections);
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a[data-section]')) {
    const section = link.dataset.section;
    if (section === 'inbox' || section === 'analytics' || section === 'backup' || section === 'notifications') link.textContent = strings[section];
  }
  const offline = doc.getElementById('admin-offline');
  if (offline) offline.textContent = strings.offline;
  return strings;
}
