import { describe, expect, it } from 'vitest';
import { resolveClick } from '../../../src/push/shared/click';

const origin = 'https://tienda.example';

describe('notification click routing', () => {
  it('opens the chat on the conversation for a message notification', () => {
    expect(resolveClick({ id: 'ntf_1', url: '/?chat=conv_1', actionUrls: { reply: '/?chat=conv_1', mark_read: null } }, '', origin)).toEqual({ ids: ['ntf_1'], url: `${origin}/?chat=conv_1` });
    expect(resolveClick({ id: 'ntf_1', url: '/?chat=conv_1', actionUrls: { reply: '/?chat=conv_1', mark_read: null } }, 'reply', origin).url).toBe(`${origin}/?chat=conv_1`);
  });

  it('routes the order actions to the order page and opens nothing for mark_read', () => {
    const data = { id: 'ntf_2', url: '/?order=1234', actionUrls: { view: '/?order=1234', track: '/?order=1234&track=1', mark_read: null } };
    expect(resolveClick(data, 'track', origin).url).toBe(`${origin}/?order=1234&track=1`);
    expect(resolveClick(data, 'mark_read', origin)).toEqual({ ids: ['ntf_2'], url: null });
    expect(resolveClick(data, 'unknown-action', origin).url).toBe(`${origin}/?order=1234`);
  });

  it('marks every notification of a summary read and never opens an unsafe URL', () => {
    expect(resolveClick({ ids: ['a', 'b', 3], url: '/' }, '', origin)).toEqual({ ids: ['a', 'b'], url: `${origin}/` });
    expect(resolveClick({ id: 'x', url: 'javascript:alert(1)' }, '', origin).url).toBe(`${origin}/`);
    expect(resolveClick(null, '', origin)).toEqual({ ids: [], url: `${origin}/` });
  });
});
