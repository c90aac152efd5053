import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../../shared/poll';
import { createHarness, errorOf, type Harness, type Tab } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function sentMessage(text: string): Promise<{ conv: string; id: string }> {
  h = await createHarness({ user: 'juan' });
  const conv = h.messaging.createConversation(['juan', 'ana'], { type: 'direct' }).id;
  const id = h.messaging.sendMessage(conv, { text }).id;
  await h.storage.flush();
  return { conv, id };
}

describe('an edit made while the previous edit commits', () => {
  it('never shows the older text again, and the history holds each text once', async () => {
    const { id } = await sentMessage('v0');
    const seen: string[] = [];
    // Runs after messaging's own listener: what a reader of the tab sees after each commit.
    h.storage.subscribe('messages', () => seen.push(h.messaging.getMessage(id)!.content.text));
    h.messaging.editMessage(id, 'v1');
    // The commit of 'v1' starts now; 'v2' is typed while it is in flight.
    const firstCommit = h.storage.flush();
    h.messaging.editMessage(id, 'v2');
    await firstCommit;
    expect(h.messaging.getMessage(id)?.content.text).toBe('v2');
    // The customer, seeing 'v2', "saves" the same text again: nothing to store.
    h.messaging.editMessage(id, 'v2');
    await h.storage.flush();
    expect(seen.every((text) => text === 'v2')).toBe(true);
    expect(h.messaging.getMessage(id)?.content.text).toBe('v2');
    const stored = await h.storage.get('messages', id);
    expect(stored?.content.text).toBe('v2');
    expect(stored?.edits.map((edit) => edit.text)).toEqual(['v0', 'v1']);
  });
});

describe('a delete queued right after another change of the same message', () => {
  it('an edit then a permanent delete in one tick leaves no message behind', async () => {
    const { conv, id } = await sentMessage('pastillas de freno');
    h.messaging.editMessage(id, 'pastillas de freno delanteras');
    h.messaging.deleteMessage(id, true);
    await h.storage.flush();
    expect(h.messaging.getMessage(id)).toBeUndefined();
    expect(h.messaging.getMessages(conv).map((m) => m.id)).not.toContain(id);
    expect(errorOf(() => h.messaging.addReaction(id, '👍')).code).toBe('NOT_FOUND');
    expect(h.messaging.getStats().totalMessages).toBe(0);
    expect(await h.storage.get('messages', id)).toBeUndefined();
  });

  it('a soft then a permanent delete in one tick leaves no tombstone in memory', async () => {
    const { conv, id } = await sentMessage('cadena 428');
    h.messaging.deleteMessage(id);
    h.messaging.deleteMessage(id, true);
    await h.storage.flush();
    expect(h.messaging.getMessage(id)).toBeUndefined();
    expect(h.messaging.getMessages(conv)).toEqual([]);
    expect(await h.storage.get('messages', id)).toBeUndefined();
  });
});

describe('a reaction from another tab racing a delete', () => {
  async function reactedWhileDeleting(permanent: boolean): Promise<{ a: Harness; b: Tab; conv: string; id: string }> {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana'], { type: 'direct' }).id;
    const id = h.messaging.sendMessage(conv, { text: 'kit de arrastre' }).id;
    await h.storage.flush();
    const b = await h.open({ section: { currentUser: 'ana' } });
    expect(b.messaging.getMessage(id)).toBeDefined();
    // Ana reacts before her tab hears of the delete: her reaction commits after it.
    b.messaging.addReaction(id, '👍');
    h.messaging.deleteMessage(id, permanent);
    await h.storage.flush();
    await b.storage.flush();
    return { a: h, b, conv, id };
  }

  it('shows no reaction on the tombstone, in the summary or the exports, and stores none', async () => {
    const { a, b, conv, id } = await reactedWhileDeleting(false);
    await pollUntil(async () => {
      expect(await a.storage.getAllFromIndex('reactions', 'byMessage', id)).toEqual([]);
      for (const tab of [a, b]) {
        expect(tab.messaging.getReactionsSummary(id)).toEqual({});
        expect(JSON.parse(tab.messaging.exportConversation(conv, 'json')).reactions).toEqual([]);
        expect(tab.messaging.exportConversation(conv, 'text')).not.toContain('👍');
      }
    });
  });

  it('leaves no orphan reaction record of a permanently deleted message', async () => {
    const { a, b, id } = await reactedWhileDeleting(true);
    await pollUntil(async () => {
      expect(await a.storage.getAllFromIndex('reactions', 'byMessage', id)).toEqual([]);
      expect(b.messaging.getMessage(id)).toBeUndefined();
    });
    await a.storage.idle();
    await b.storage.idle();
    expect(await a.storage.getAll('reactions')).toEqual([]);
  });
});

describe("another tab's change of a message heard after this tab deleted it for good", () => {
  async function editedElsewhereWhileDeleting(soft: boolean): Promise<{ b: Tab; conv: string; id: string }> {
    const { conv, id } = await sentMessage('pastillas de freno');
    const b = await h.open({ section: { currentUser: 'juan' } });
    // This tab's delete waits to commit; the other tab's change commits first and is heard before it.
    let release = (): void => undefined;
    h.storage.hold(new Promise<void>((resolve) => (release = resolve)));
    h.messaging.deleteMessage(id, true);
    const heard = new Promise<void>((resolve) => h.storage.subscribe('messages', (_changes, origin) => origin === 'remote' && resolve()));
    if (soft) b.messaging.deleteMessage(id);
    else b.messaging.editMessage(id, 'pastillas de freno traseras');
    await b.storage.flush();
    await heard;
    release();
    await h.storage.flush();
    return { b, conv, id };
  }

  for (const [what, soft] of [['an edit', false], ['a soft delete', true]] as const) {
    it(`${what} committed first does not bring the message back in this tab`, async () => {
      const { b, conv, id } = await editedElsewhereWhileDeleting(soft);
      expect(await h.storage.get('messages', id)).toBeUndefined();
      expect(h.messaging.getMessage(id)).toBeUndefined();
      expect(h.messaging.getMessages(conv)).toEqual([]);
      await pollUntil(() => expect(b.messaging.getMessage(id)).toBeUndefined());
    });
  }
});

describe('two tabs deleting the same message at once', () => {
  it('both show the deletion time that was stored (the first to commit)', async () => {
    const { id } = await sentMessage('cadena 428');
    const b = await h.open({ section: { currentUser: 'juan' } });
    let release = (): void => undefined;
    h.storage.hold(new Promise<void>((resolve) => (release = resolve)));
    h.clock.advance(1000);
    h.messaging.deleteMessage(id);
    h.clock.advance(1000);
    const heard = new Promise<void>((resolve) => h.storage.subscribe('messages', (_changes, origin) => origin === 'remote' && resolve()));
    b.messaging.deleteMessage(id);
    await b.storage.flush();
    await heard;
    release();
    await h.storage.flush();
    const stored = await h.storage.get('messages', id);
    expect(h.messaging.getMessage(id)?.deletedAt).toBe(stored?.deletedAt);
    expect(b.messaging.getMessage(id)?.deletedAt).toBe(stored?.deletedAt);
  });
});
