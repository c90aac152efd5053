/** Room subject meaning "this agent has taken the conversation". */
export const CLAIM_PREFIX = 'claimed-by: ';
/** Room subject meaning "this agent closed the conversation" (its second line: the last message seen). */
export const CLOSE_PREFIX = 'closed-by: ';
const AFTER_PREFIX = 'after: ';

/** What a conversation room's subject says about who attends it. */
export type RoomSubject =
  | { kind: 'none' }
  | { kind: 'claimed'; nick: string }
  /** `after`: the room's id of the newest message the closing agent had seen. */
  | { kind: 'closed'; nick: string; after?: string };

/**
 * Reads a room subject written by the staff inbox: `claimed-by: <nick>`, or `closed-by: <nick>`
 * with an optional second line `after: <stanza-id>`. Anything else (empty, a subject set by
 * another client) means nobody attends it.
 * @example parseRoomSubject('closed-by: Luis\nafter: 7f3a') // { kind: 'closed', nick: 'Luis', after: '7f3a' }
 */
export function parseRoomSubject(subject: string): RoomSubject {
  const [first = '', second = ''] = subject.split('\n', 2);
  if (first.startsWith(CLAIM_PREFIX)) {
    const nick = first.slice(CLAIM_PREFIX.length).trim();
    return nick ? { kind: 'claimed', nick } : { kind: 'none' };
  }
  if (first.startsWith(CLOSE_PREFIX)) {
    const nick = first.slice(CLOSE_PREFIX.length).trim();
    const after = second.startsWith(AFTER_PREFIX) ? second.slice(AFTER_PREFIX.length).trim() : '';
    return nick ? { kind: 'closed', nick, ...(after ? { after } : {}) } : { kind: 'none' };
  }
  return { kind: 'none' };
}

/** The subject that closes a conversation after the message `after` (a customer writing later reopens it). */
export function closedSubject(nick: string, after?: string): string {
  return `${CLOSE_PREFIX}${nick}${after ? `\n${AFTER_PREFIX}${after}` : ''}`;
}

/** The agent named by a room subject, if it is a claim. */
export function claimOf(subject: string): string | undefined {
  const parsed = parseRoomSubject(subject);
  return parsed.kind === 'claimed' ? parsed.nick : undefined;
}
