import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { openReady, watchErrors } from './helpers/browser';
import { createPushRig, type PushRig } from './push-fixture';

interface Notice { id: string; category: string; status: string }
declare const pushNotifications: { send(title: string, options: { category: string }): Promise<Notice> };
declare const realtimeAnalytics: { getStoredEvents(range: { since: number }, names: string[]): Promise<Array<{ properties: { notificationId?: string } }>> };

/** What each category's notifications meet: so many opened (clicked), so many dismissed (closed), the rest left on screen. */
const PLAN: Record<string, { sent: number; clicked: number; dismissed: number }> = {
  orders: { sent: 5, clicked: 2, dismissed: 1 },
  messages: { sent: 4, clicked: 1, dismissed: 2 },
  promotions: { sent: 3, clicked: 0, dismissed: 3 },
};
const LABELS: Record<string, string> = { orders: 'Pedidos', messages: 'Mensajes', promotions: 'Promociones' };

describe('the notifications section counts what customers did with shown notifications', () => {
  let rig: PushRig;
  beforeAll(async () => {
    // A profile with the notifications permission and the service worker in control (push-fixture.ts).
    rig = await createPushRig();
  }, 120_000);
  afterAll(async () => {
    await rig?.dispose();
  });

  it('shows shown, opened and dismissed per category and per day as the service worker reported them', async () => {
    const errors = watchErrors(rig.page);
    const sent = await rig.page.evaluate(async (plan) => {
      const out: Array<{ id: string; category: string }> = [];
      for (const [category, { sent: count }] of Object.entries(plan)) {
        for (let i = 0; i < count; i++) out.push(await pushNotifications.send(`${category} ${i}`, { category }));
      }
      return out.map(({ id, category }) => ({ id, category }));
    }, PLAN);
    const total = sent.length;
    await pollUntil(async () => expect((await rig.shown()).length).toBe(total), BROWSER_POLL);

    // The browser's own events, inside the worker: a click on a notification, or its dismissal.
    const clicks: string[] = [];
    const closes: string[] = [];
    for (const [category, plan] of Object.entries(PLAN)) {
      const ids = sent.filter((n) => n.category === category).map((n) => n.id);
      clicks.push(...ids.slice(0, plan.clicked));
      closes.push(...ids.slice(plan.clicked, plan.clicked + plan.dismissed));
    }
    const worker = await rig.worker();
    const dispatched = await worker.evaluate(async ({ clicks, closes }) => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(event: Event): boolean };
      const Ctor = (self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification; action?: string }) => Event }).NotificationEvent;
      const shown = await scope.registration.getNotifications();
      const byId = (id: string) => shown.find((n) => (n.data as { id?: string } | null)?.id === id);
      let count = 0;
      for (const id of clicks) {
        const notification = byId(id);
        if (notification && scope.dispatchEvent(new Ctor('notificationclick', { notification, action: '' }))) count++;
      }
      for (const id of closes) {
        const notification = byId(id);
        if (!notification) continue;
        // What the browser does when the customer dismisses it: gone from the screen, then the event.
        notification.close();
        if (scope.dispatchEvent(new Ctor('notificationclose', { notification }))) count++;
      }
      return count;
    }, { clicks, closes });
    expect(dispatched).toBe(clicks.length + closes.length);
    // The pages record each as an analytics event (what the section counts, once per notification).
    await pollUntil(async () => {
      const events = await rig.page.evaluate(() => realtimeAnalytics.getStoredEvents({ since: Date.now() - 3_600_000 }, ['notification_clicked', 'notification_closed']));
      expect(new Set(events.map((e) => e.properties.notificationId)).size).toBe(clicks.length + closes.length);
    }, { ...BROWSER_POLL, timeout: 30_000 });

    const admin = await rig.profile.context.newPage();
    const adminErrors = watchErrors(admin);
    await openReady(admin, `${rig.server.origin}/admin.html`);
    await admin.getByRole('link', { name: 'Notificaciones' }).click();
    const section = admin.locator('#section-notifications');
    await section.locator('.panel[data-state="ready"]').waitFor({ timeout: 30_000 });
    const row = async (name: string): Promise<number[]> =>
      (await section.locator('[data-section="notifications-categories"] tbody tr', { hasText: name }).locator('td').allInnerTexts()).slice(1).map((v) => Number(v.replace(/\D/g, '')));
    for (const [category, plan] of Object.entries(PLAN)) {
      // Sent, shown, opened, dismissed.
      expect(await row(LABELS[category]!), category).toEqual([plan.sent, plan.sent, plan.clicked, plan.dismissed]);
    }
    const today = (await section.locator('[data-section="notifications-days"] tbody tr').last().locator('td').allInnerTexts()).slice(1).map(Number);
    const sum = (key: 'sent' | 'clicked' | 'dismissed') => Object.values(PLAN).reduce((n, p) => n + p[key], 0);
    expect(today).toEqual([sum('sent'), sum('sent'), sum('clicked'), sum('dismissed')]);
    // The totals chart draws the same numbers.
    const bars = await section.locator('[data-section="notifications-categories"] rect[data-value]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-label'), Number(n.getAttribute('data-value'))]));
    expect(bars).toEqual([['Enviadas', sum('sent')], ['Mostradas', sum('sent')], ['Abiertas', sum('clicked')], ['Descartadas', sum('dismissed')]]);
    expect([...errors, ...adminErrors]).toEqual([]);
  }, 180_000);
});
