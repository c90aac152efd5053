/**
 * The code that only a backup, a restore, an export or an import runs (IndexedDB walking, the
 * payload codec, gzip, AES-GCM, the export envelope). It is a separate chunk, loaded on first use
 * by `loadOnDemand()`, so the host page never downloads it just to show the chat.
 */
export { createOriginDatabases } from '../storage';
export { writePayload, writeSnapshot } from './snapshot';
export { encryptBlob, sha256Hex } from './crypto';
export { buildEnvelope, parseEnvelope, verifyPayload } from './envelope';
export { applyAtomically, checkCompatible, checkRecords, openPayload, replayJournal } from './restore';
export { beginRestore, endRestore } from './restore-marker';
