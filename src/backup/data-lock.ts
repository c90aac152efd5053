/**
 * The Web Lock that backups and restores of every tab hold, so they exclude each other (and a
 * start-up that puts back an interrupted restore waits for a restore still running elsewhere).
 * @example await withLock(DATA_LOCK, () => restore());
 */
export const DATA_LOCK = 'chatbot-backup:data';
