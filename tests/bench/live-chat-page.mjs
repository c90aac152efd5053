// What the live-chat bench runs inside the store's page. Each function is sent as source, so it
// uses nothing outside itself.

/** Records when each frame left or reached the page's WebSocket (page clock) in `window.__liveFrames`. */
export function recordLiveFrames() {
  const frames = (window.__liveFrames = []);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...rest) {
      super(...rest);
      frames.push({ at: performance.now(), dir: 'open', text: '' });
      // Whole frames but messages (the room's answer to a join, the archive's <fin/>, are found by what they hold).
      this.addEventListener('message', (event) => frames.push({ at: performance.now(), dir: 'in', text: String(event.data).slice(0, String(event.data).startsWith('<message') ? 1_000 : 4_000) }));
    }
    send(data) {
      frames.push({ at: performance.now(), dir: 'out', text: String(data).slice(0, 400) });
      super.send(data);
    }
  };
}

/**
 * Starts the system (as the store's page or the customer opening the chat does) and resolves once
 * `total` messages whose text starts with `prefix` are in the conversation, with where the time went.
 */
export async function measureCatchUp({ conversationId, total, prefix }) {
  const marks = {};
  const started = performance.now();
  const system = window.CHATBOT_SYSTEM;
  await system.ready;
  marks.ready = performance.now() - started;
  const missed = () => system.messaging.getMessages(conversationId, { limit: 10_000 }).filter((m) => m.content.text.startsWith(prefix)).length;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`catch-up incomplete: ${missed()} of ${total}`)), 30_000);
    let seen = missed();
    const done = () => {
      marks.last = performance.now() - started;
      clearTimeout(timer);
      resolve();
    };
    system.liveChat.on('status_changed', (s) => {
      if (s.owner && marks.owner === undefined) marks.owner = performance.now() - started;
    });
    if (seen >= total) return done();
    system.messaging.on('message_sent', (message) => {
      if (!message.content.text.startsWith(prefix)) return;
      if (marks.first === undefined) marks.first = performance.now() - started;
      if (++seen >= total) done();
    });
  });
  marks.navigationToStart = started;
  const frames = window.__liveFrames;
  const at = (dir, test) => (frames.find((f) => f.dir === dir && test(f.text))?.at ?? NaN) - started;
  const lastAt = (dir, test) => (frames.findLast((f) => f.dir === dir && test(f.text))?.at ?? NaN) - started;
  marks.socket = at('open', () => true);
  marks.loggedIn = at('in', (t) => t.includes('<success'));
  marks.joined = at('in', (t) => t.includes("code='110'") || t.includes('code="110"'));
  marks.archiveAsked = at('out', (t) => t.includes('urn:xmpp:mam:2'));
  marks.archiveDone = lastAt('in', (t) => t.includes('<fin'));
  marks.archivePages = frames.filter((f) => f.dir === 'in' && f.text.includes('<fin')).length;
  marks.archiveResults = frames.filter((f) => f.dir === 'in' && /<result\b[^>]*urn:xmpp:mam:2/.test(f.text)).length;
  marks.frames = frames.map((f) => [Math.round(f.at - started), f.dir, f.text.slice(0, 160)]);
  return marks;
}

/**
 * Whether the page has stored, as its archive cursor, the archive id of the newest message it
 * received: the last live message, or after a catch-up the archived message whose body is `newest`.
 */
export async function cursorStored({ conversationId, newest }) {
  const idOf = (text) => (/^<message\b[^>]*>\s*<result\b[^>]*\bid=['"]([^'"]+)['"]/.exec(text) ?? /<stanza-id\b[^>]*\bid=['"]([^'"]+)['"]/.exec(text))?.[1];
  const last = window.__liveFrames.findLast((f) => f.dir === 'in' && f.text.startsWith('<message') && (newest === undefined ? idOf(f.text) : f.text.includes(`>${newest}<`)));
  if (!last) return false;
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('chatbot-repuestos-motos');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const stored = await new Promise((resolve, reject) => {
      const get = db.transaction('kv').objectStore('kv').get(`live:conv:${conversationId}`);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    });
    return stored?.lastArchiveId === idOf(last.text);
  } finally {
    db.close();
  }
}
