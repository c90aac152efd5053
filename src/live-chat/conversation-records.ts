import { LIVE_CHAT_KV, type ChatbotStorage, type LiveConversationRecord } from '../storage';
import { randomString } from './protocol/register-account';

const ROOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const WRITE_PAUSE_MS = 200;

/** The conversations that have a room, as every tab sees them (kv `live:conv:<id>`). */
export interface LiveConversations {
  load(): Promise<void>;
  get(conversationId: string): LiveConversationRecord | undefined;
  byRoom(room: string): LiveConversationRecord | undefined;
  all(): LiveConversationRecord[];
  /** Records the handoff of a conversation (a no-op when it has a room already). */
  open(conversationId: string, now: number): LiveConversationRecord;
  /** Changes a record here and, merged with what is committed, in storage. */
  update(conversationId: string, change: (record: LiveConversationRecord) => LiveConversationRecord): void;
  /**
   * Records that the room knows local message `localId` as `stanzaId` (when given) and that the
   * archive was applied up to `archiveId`. Cheap per message: the map changes in place and the
   * record is written once per burst (a catch-up of 1,000 messages writes it once).
   */
  learn(conversationId: string, localId: string | undefined, stanzaId: string | undefined): void;
  /**
   * Freezes the archive cursor (`lastArchiveId`) while history is read newest page first: what
   * arrives meanwhile must not move it past a gap not yet filled. The returned function thaws it,
   * at `archiveId` when the gap was filled up to there, where it was when not (a failure).
   */
  holdCursor(conversationId: string): (archiveId?: string) => void;
  /** The local message id the room knows by `stanzaId` (ours or staff's). */
  localIdOf(record: LiveConversationRecord, stanzaId: string): string | undefined;
  /** Hears conversations handed off in any tab (and changes to them). */
  onChange(listener: (record: LiveConversationRecord) => void): () => void;
  /** The page may go away: what waits for the pause between writes is queued now. */
  writeNow(): void;
  dispose(): void;
}

const keyOf = (conversationId: string): LiveConversationRecord['id'] => `${LIVE_CHAT_KV.conversationPrefix}${conversationId}`;
const isConversationRecord = (value: { id: string } | undefined): value is LiveConversationRecord =>
  value !== undefined && value.id.startsWith(LIVE_CHAT_KV.conversationPrefix) && 'room' in value;

/** @example const conversations = createLiveConversations(storage, 'rooms.chat.tienda.co'); await conversations.load(); */
export function createLiveConversations(storage: ChatbotStorage, roomService: string): LiveConversations {
  const records = new Map<string, LiveConversationRecord>();
  const reverse = new Map<string, Map<string, string>>();
  const listeners = new Set<(record: LiveConversationRecord) => void>();
  const holds = new Map<string, number>();

  const set = (record: LiveConversationRecord): void => {
    records.set(record.conversationId, record);
    reverse.delete(record.conversationId);
    for (const listener of [...listeners]) listener(record);
  };
  /**
   * A committed record, joined with what this tab learned since (which the commit may predate).
   * Ids are merged in place: during a catch-up every commit echoes this tab's own write back, and
   * copying the map (and rebuilding its reverse) per message would make a catch-up quadratic.
   */
  const adopt = (committed: LiveConversationRecord): void => {
    const mine = records.get(committed.conversationId);
    if (!mine || mine.room !== committed.room) return set(committed);
    const back = reverse.get(committed.conversationId);
    for (const localId in committed.ids) {
      const stanzaId = committed.ids[localId]!;
      if (mine.ids[localId] === stanzaId) continue;
      mine.ids[localId] = stanzaId;
      back?.set(stanzaId, localId);
    }
    const lastArchiveId = mine.lastArchiveId ?? committed.lastArchiveId;
    if (committed.opened && !mine.opened) set({ ...committed, opened: true, ids: mine.ids, ...(lastArchiveId ? { lastArchiveId } : {}) });
    else if (lastArchiveId !== mine.lastArchiveId) mine.lastArchiveId = lastArchiveId;
  };
  const dirty = new Set<string>();
  // One write in the queue at a time, then a pause: it reads this tab's map when it commits, so
  // every id learned until then goes with it. A catch-up learns an id per socket frame; writing
  // (and broadcasting) the whole map each time cost more than applying the messages. A crash in
  // the pause loses nothing: the cursor lags with the map, and the archive's messages map to the
  // same local ids when read again.
  let writing = false;
  let disposed = false;
  let pause: ReturnType<typeof setTimeout> | undefined;
  const merge = (conversationId: string) => (stored: LiveConversationRecord | undefined): LiveConversationRecord | undefined => {
    const mine = records.get(conversationId);
    if (!isConversationRecord(stored) || !mine || mine.room !== stored.room) return stored;
    return { ...stored, ids: { ...stored.ids, ...mine.ids }, ...(mine.lastArchiveId ? { lastArchiveId: mine.lastArchiveId } : {}) };
  };
  const writeDirty = (): void => {
    if (writing || dirty.size === 0) return;
    writing = true;
    for (const conversationId of dirty) storage.update('kv', keyOf(conversationId), merge(conversationId));
    dirty.clear();
    void storage.flush().catch(() => undefined).finally(() => {
      pause = setTimeout(() => {
        pause = undefined;
        writing = false;
        if (!disposed) writeDirty();
      }, WRITE_PAUSE_MS);
    });
  };
  const unsubscribe = storage.subscribe('kv', (changes) => {
    for (const change of changes) {
      if (change.op === 'put' && isConversationRecord(change.value)) adopt(change.value);
      else if (change.op === 'clear') records.clear();
      else if (change.op === 'delete' && change.key.startsWith(LIVE_CHAT_KV.conversationPrefix)) records.delete(change.key.slice(LIVE_CHAT_KV.conversationPrefix.length));
    }
  });

  const conversations: LiveConversations = {
    async load() {
      for (const value of await storage.getAll('kv')) if (isConversationRecord(value)) records.set(value.conversationId, value);
    },
    get: (conversationId) => records.get(conversationId),
    byRoom: (room) => [...records.values()].find((record) => record.room === room),
    all: () => [...records.values()],
    open(conversationId, now) {
      const existing = records.get(conversationId);
      if (existing) return existing;
      const fresh: LiveConversationRecord = {
        id: keyOf(conversationId),
        conversationId,
        room: `conv-${randomString(20, ROOM_ALPHABET)}@${roomService}`,
        openedAt: now,
        opened: false,
        ids: {},
      };
      // Two tabs handing off at once agree on whichever record was committed first.
      storage.update('kv', fresh.id, (current) => (isConversationRecord(current) ? current : fresh));
      set(fresh);
      return fresh;
    },
    update(conversationId, change) {
      const current = records.get(conversationId);
      if (!current) return;
      set(change(current));
      storage.update('kv', keyOf(conversationId), (stored) => (isConversationRecord(stored) ? change(stored) : stored));
    },
    learn(conversationId, localId, stanzaId) {
      const record = records.get(conversationId);
      if (!record || !stanzaId) return;
      if (localId && record.ids[localId] !== stanzaId) {
        record.ids[localId] = stanzaId;
        reverse.get(conversationId)?.set(stanzaId, localId);
      }
      if ((record.lastArchiveId === stanzaId || holds.has(conversationId)) && localId === undefined) return;
      if (!holds.has(conversationId)) record.lastArchiveId = stanzaId;
      dirty.add(conversationId);
      writeDirty();
    },
    holdCursor(conversationId) {
      holds.set(conversationId, (holds.get(conversationId) ?? 0) + 1);
      let thawed = false;
      return (archiveId) => {
        if (thawed) return;
        thawed = true;
        const left = (holds.get(conversationId) ?? 1) - 1;
        if (left > 0) holds.set(conversationId, left);
        else holds.delete(conversationId);
        const record = records.get(conversationId);
        if (!record || !archiveId || record.lastArchiveId === archiveId) return;
        record.lastArchiveId = archiveId;
        dirty.add(conversationId);
        writeDirty();
      };
    },
    localIdOf(record, stanzaId) {
      let map = reverse.get(record.conversationId);
      if (!map) {
        map = new Map(Object.entries(record.ids).map(([local, sid]) => [sid, local]));
        reverse.set(record.conversationId, map);
      }
      return map.get(stanzaId);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    writeNow() {
      // A write still queued reads the map when it commits; anything newer goes now.
      if (disposed || dirty.size === 0) return;
      clearTimeout(pause);
      writing = false;
      writeDirty();
    },
    dispose() {
      conversations.writeNow();
      disposed = true;
      unsubscribe();
      listeners.clear();
    },
  };
  return conversations;
}
