/** Messaging's own limit when the store sets none (`config.messaging.maxTextLength`). */
export const DEFAULT_MAX_TEXT_LENGTH = 10_000;

/**
 * The local id of part `index` (0-based) of a staff message split in parts: the first part keeps
 * the message's id (replies, reactions and read markers name it), the next ones are `<id>~2`, `<id>~3`…
 * @example partId('xmpp_abc', 1) // 'xmpp_abc~2'
 */
export function partId(localId: string, index: number): string {
  return index === 0 ? localId : `${localId}~${index + 1}`;
}

/** The id of the message a part belongs to (`xmpp_abc~2` → `xmpp_abc`); other ids unchanged. */
export function partBase(localId: string): string {
  return localId.replace(/~\d+$/, '');
}

/**
 * Cuts a text longer than `limit` into parts of at most `limit` characters, at the last line
 * break (or else space) in the final fifth of each part, never inside a surrogate pair: a staff
 * message longer than messaging accepts is shown whole, as consecutive messages, instead of refused.
 * @example splitLongText('a'.repeat(25_000), 10_000).length // 3
 */
export function splitLongText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(Math.floor(limit * 0.8), limit);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const at = newline >= 0 ? newline : space;
    let cut = at >= 0 ? Math.floor(limit * 0.8) + at + 1 : limit;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    const part = rest.slice(0, cut).trim();
    if (part) parts.push(part);
    rest = rest.slice(cut);
  }
  if (rest.trim() || parts.length === 0) parts.push(rest.trim());
  return parts;
}
