const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomPart(length: number): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 36];
  return out;
}

let lastTime = 0;
let sequence = 0;

/**
 * A unique id that sorts by creation time within one tab: `${prefix}_${time}${seq}${random}`.
 * @example createId('msg') // 'msg_m5x2k3p40001a8f3k2'
 */
export function createId(prefix: string, now: number = Date.now()): string {
  if (now === lastTime) sequence++;
  else {
    lastTime = now;
    sequence = 0;
  }
  const time = now.toString(36).padStart(9, '0');
  const seq = sequence.toString(36).padStart(4, '0');
  return `${prefix}_${time}${seq}${randomPart(8)}`;
}

/** An RFC 4122 v4 UUID (Segment's `messageId`, `anonymousId`). */
export function createUuid(): string {
  return crypto.randomUUID();
}
