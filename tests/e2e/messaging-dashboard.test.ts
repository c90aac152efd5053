import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MessagingSystem } from '../../src/messaging';
import { launchProfile, openReady, watchErrors, type Profile } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';

declare const messagingSystem: MessagingSystem;
declare function showMessagingDashboard(): Promise<void>;
declare const CHATBOT_SYSTEM: { flush(): Promise<void> };

describe('messaging dashboard', () => {
  let server: StaticServer;
  let profile: Profile;
  let admin: Page;
  let customer: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP } });
    profile = await launchProfile();
    admin = await profile.context.newPage();
    customer = await profile.context.newPage();
    errors = watchErrors(admin);
    await openReady(admin, `${server.origin}/`);
    await openReady(customer, `${server.origin}/`);
    await admin.evaluate(() => messagingSystem.setCurrentUser('asesor'));
    await customer.evaluate(() => messagingSystem.setCurrentUser('cliente_1'));
  }, 60_000);
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it('shows totals, creates a test conversation, and updates live when another tab writes', async () => {
    await admin.evaluate(() => showMessagingDashboard());
    const dashboard = admin.locator('#dashboard-messaging');
    await dashboard.getByText('Conversaciones', { exact: true }).waitFor();
    await dashboard.getByText('Todavía no hay conversaciones').waitFor();

    await dashboard.getByRole('button', { name: 'Crear conversación de prueba' }).click();
    await dashboard.getByRole('status').filter({ hasText: 'Conversación de prueba creada' }).waitFor();
    await dashboard.locator('td', { hasText: 'Conversación de prueba' }).waitFor();
    expect(await admin.evaluate(() => messagingSystem.getStats().totalConversations)).toBe(1);

    // A customer writes from another tab: the dashboard shows the new conversation and its unread count.
    await customer.evaluate(async () => {
      const conversation = messagingSystem.createConversation(['cliente_1', 'asesor'], { name: 'Consulta <b>Boxer</b>' });
      messagingSystem.sendMessage(conversation.id, { text: '¿Tienen kit de arrastre para Boxer CT100?' });
      await CHATBOT_SYSTEM.flush();
    });
    const row = dashboard.locator('tr', { hasText: 'Consulta <b>Boxer</b>' });
    await row.waitFor();
    expect(await row.textContent()).toContain('cliente_1: ¿Tienen kit de arrastre para Boxer CT100?');
    await dashboard.locator('dd', { hasText: /^2$/ }).first().waitFor();
    // User text is shown as text, never parsed as HTML.
    expect(await dashboard.locator('b').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
