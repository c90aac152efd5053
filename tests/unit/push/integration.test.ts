import { describe, expect, it } from 'vitest';
import { createSystem } from '../../../src/system';
import { createTabChannel } from '../../../src/core/tabs';
import { uniqueChannelName } from '../helpers';
import { pollUntil } from '../../shared/poll';

describe('system wiring', () => {
  it('exposes pushNotifications on the system', async () => {
    const system = createSystem({});
    await system.ready;
    expect(system.pushNotifications.getStats().total).toBe(0);
    expect(Object.keys(system)).toContain('pushNotifications');
    await system.destroy();
  });

  it('notifies a message from someone other than the current user, and not the user\'s own', async () => {
    const name = uniqueChannelName();
    const customer = createSystem({ userId: 'cliente_1' }, { channel: createTabChannel(name) });
    const agent = createSystem({ userId: 'asesor' }, { channel: createTabChannel(name) });
    await Promise.all([customer.ready, agent.ready]);
    const notifiedInCustomerTab: string[] = [];
    customer.pushNotifications.on('notification_sent', (n) => notifiedInCustomerTab.push(n.title));
    const conversation = agent.messaging.createConversation(['cliente_1', 'asesor'], { type: 'direct' });
    const reply = agent.messaging.sendMessage(conversation.id, { text: 'Sí, tenemos el filtro' }) as { id: string };
    await pollUntil(() => expect(customer.pushNotifications.getNotifications({ category: 'messages' })).toHaveLength(1));
    expect(customer.pushNotifications.getNotifications()[0]).toMatchObject({ id: `ntf_msg_${reply.id}`, title: 'Nuevo mensaje de asesor', body: 'Sí, tenemos el filtro', url: `/?chat=${conversation.id}` });
    customer.messaging.sendMessage(conversation.id, { text: 'Gracias' });
    // The agent's tab notifies the customer's message (the center is shared by the origin's tabs)…
    await pollUntil(() => expect(customer.pushNotifications.getNotifications().map((n) => n.title)).toContain('Nuevo mensaje de cliente_1'));
    // …while the customer's own tab only ever notified the agent's message.
    expect(notifiedInCustomerTab).toEqual(['Nuevo mensaje de asesor']);
    await customer.destroy();
    await agent.destroy();
  });
});
