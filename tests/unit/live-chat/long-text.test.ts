import { describe, expect, it } from 'vitest';
import { partBase, partId, splitLongText } from '../../../src/live-chat/long-text';

// A staff message longer than messaging allows is cut into parts, at a line break or a space.

describe('long staff messages', () => {
  it('are cut at a line break or space into parts within the limit, losing no word', () => {
    const paragraph = 'La pieza llega en tres días hábiles a su ciudad. ';
    const first = paragraph.repeat(180).trim(); // ~8,800 characters, then a line break
    const text = `${first}\n${paragraph.repeat(250)}`.trim();
    const parts = splitLongText(text, 10_000);
    expect(parts.length).toBe(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(10_000);
    // The line break near the limit is where the first part ends; the next cut is at a space.
    expect(parts[0]).toBe(first);
    expect(text.slice(first.length + 1 + parts[1]!.length, first.length + 2 + parts[1]!.length)).toBe(' ');
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('cuts text without spaces at the limit but never inside an emoji, and leaves short text alone', () => {
    const parts = splitLongText(`${'a'.repeat(9_999)}🏍️${'b'.repeat(15_000)}`, 10_000);
    expect(parts.map((p) => p.length)).toEqual([9_999, 10_000, 5_003]);
    expect(parts[1]!.startsWith('🏍️')).toBe(true);
    expect(splitLongText('hola', 10_000)).toEqual(['hola']);
  });

  it('names parts after the message, and back', () => {
    expect([0, 1, 2].map((i) => partId('xmpp_abc', i))).toEqual(['xmpp_abc', 'xmpp_abc~2', 'xmpp_abc~3']);
    expect(partBase('xmpp_abc~3')).toBe('xmpp_abc');
    expect(partBase('xmpp_abc')).toBe('xmpp_abc');
  });
});
