import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createMessageBursts, MESSAGE_BURST_MS } from '../../../src/push';
import type { MessageInput } from '../../../src/push';
import { createSystem } from '../../../src/system';
import { pollUntil } from '../../shared/poll';

const message = (i: number, conversationId = 'c1'): MessageInput => ({ id: `m${i}`, senderName: 'asesor', text: `mensaje ${i}`, conversationId });

describe('message notifications in bursts', () => {
  it('notifies the first message at once and the rest of a burst as one notification a second', () => {
    const clock = createManualClock(0);
    const sent: MessageInput[] = [];
    const bursts = createMessageBursts(clock, (m) => sent.push(m), () => true);
    bursts.notify(message(1));
    expect(sent).toEqual([message(1)]);
    for (let i = 2; i <= 40; i++) bursts.notify(message(i));
    expect(sent).toHaveLength(1);
    clock.advance(MESSAGE_BURST_MS);
    expect(sent.slice(1)).toEqual([{ ...message(40), count: 40 }]);
    // Still coming: one more a second, counting the whole burst.
    for (let i = 41; i <= 45; i++) bursts.notify(message(i));
    clock.advance(MESSAGE_BURST_MS);
    expect(sent.slice(2)).toEqual([{ ...message(45), count: 45 }]);
    // Quiet for a second: the burst is over, the next message notifies at once on its own.
    clock.advance(MESSAGE_BURST_MS);
    bursts.notify(message(46));
    expect(sent.slice(3)).toEqual([message(46)]);
    bursts.dispose();
  });

  it('keeps conversations apart, and says nothing more once the customer has seen them', () => {
    const clock = createManualClock(0);
    const sent: MessageInput[] = [];
    let unseen = true;
    const bursts = createMessageBursts(clock, (m) => sent.push(m), () => unseen);
    bursts.notify(message(1, 'a'));
    bursts.notify(message(2, 'b'));
    bursts.notify(message(3, 'a'));
    expect(sent.map((m) => m.id)).toEqual(['m1', 'm2']);
    unseen = false;
    clock.advance(MESSAGE_BURST_MS);
    expect(sent.map((m) => m.id)).toEqual(['m1', 'm2']);
    bursts.dispose();
  });

  it('turns 300 staff messages that arrive together into two notifications in the center', async () => {
    const system = createSystem({ userId: 'cliente_1' });
    await system.ready;
    const conversation = system.messaging.createConversation(['cliente_1', 'asesor'], { type: 'direct' });
    const staff = system.messaging.actAs('asesor');
    for (let i = 1; i <= 300; i++) staff.sendMessage(conversation.id, { text: `mientras no estabas ${i}` });
    const titles = await pollUntil(
      () => {
        const shown = system.pushNotifications.getNotifications({ category: 'messages' }).map((n) => `${n.title}: ${n.body}`);
        expect(shown).toHaveLength(2);
        return shown;
      },
      { timeout: 5_000 },
    );
    expect(titles.sort()).toEqual(['300 mensajes nuevos de asesor: mientras no estabas 300', 'Nuevo mensaje de asesor: mientras no estabas 1']);
    await system.destroy();
  });
});
