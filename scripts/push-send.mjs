#!/usr/bin/env node
// npm run push:send -- --subscription sub.json --payload payload.json [--keys vapid.json]
//   [--subject mailto:ventas@tienda.example] [--ttl 86400] [--urgency normal] [--topic pedidos]
//
// Sends one Web Push message with the `web-push` library: what a store's server does when an order
// changes or an agent answers. The subscription is what `pushNotifications.subscribe()` returned
// (and POSTed to the store's endpoint); the payload follows docs/push.md. Keys come from --keys
// (the JSON of `npm run -s push:keys -- --json`) or VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import webpush from 'web-push';

const CATEGORIES = ['orders', 'messages', 'promotions', 'reviews', 'system'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
// Web Push urgency (RFC 8030) per notification priority, unless --urgency says otherwise.
const URGENCY = { low: 'low', normal: 'normal', high: 'high', urgent: 'high' };

function fail(message) {
  process.stderr.write(`push:send: ${message}\n`);
  process.exit(1);
}

async function readJson(path, what) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return fail(`cannot read ${what} from ${path}: ${error.message}`);
  }
}

/** The same rules as the service worker's schema (src/push/shared/payload.ts), checked before sending. */
export function checkPayload(payload) {
  const problems = [];
  const isLink = (v) => typeof v === 'string' && ((v.startsWith('/') && !v.startsWith('//')) || /^https?:\/\//.test(v));
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return ['the payload must be a JSON object'];
  if (typeof payload.title !== 'string' || payload.title.length < 1 || payload.title.length > 200) problems.push('title: a string of 1–200 characters is required');
  if (payload.body !== undefined && (typeof payload.body !== 'string' || payload.body.length > 1000)) problems.push('body: at most 1000 characters');
  if (payload.category !== undefined && !CATEGORIES.includes(payload.category)) problems.push(`category: one of ${CATEGORIES.join(', ')}`);
  if (payload.priority !== undefined && !PRIORITIES.includes(payload.priority)) problems.push(`priority: one of ${PRIORITIES.join(', ')}`);
  for (const key of ['url', 'icon', 'image', 'badge']) if (payload[key] !== undefined && !isLink(payload[key])) problems.push(`${key}: a path starting with / or an http(s) URL`);
  if (payload.id !== undefined && !/^[\w.:-]{1,128}$/.test(String(payload.id))) problems.push('id: 1–128 letters, digits, _ . : -');
  if (payload.actions !== undefined && (!Array.isArray(payload.actions) || payload.actions.length > 2)) problems.push('actions: at most 2');
  return problems;
}

async function main() {
  const { values } = parseArgs({
    options: {
      subscription: { type: 'string' },
      payload: { type: 'string' },
      keys: { type: 'string' },
      subject: { type: 'string', default: process.env.VAPID_SUBJECT ?? 'mailto:admin@example.com' },
      ttl: { type: 'string', default: '86400' },
      urgency: { type: 'string' },
      topic: { type: 'string' },
    },
  });
  if (!values.subscription || !values.payload) fail('usage: npm run push:send -- --subscription sub.json --payload payload.json [--keys vapid.json]');
  const subscription = await readJson(values.subscription, 'the subscription');
  const stored = subscription.subscription ?? subscription; // the body POSTed to the store endpoint works too
  if (typeof stored.endpoint !== 'string' || !stored.keys?.p256dh || !stored.keys?.auth) fail('the subscription needs endpoint, keys.p256dh and keys.auth (PushSubscription.toJSON())');
  const payload = await readJson(values.payload, 'the payload');
  const problems = checkPayload(payload);
  if (problems.length > 0) fail(`invalid payload (the worker would show a generic notification):\n  ${problems.join('\n  ')}`);
  const keys = values.keys ? await readJson(values.keys, 'the VAPID keys') : { publicKey: process.env.VAPID_PUBLIC_KEY, privateKey: process.env.VAPID_PRIVATE_KEY };
  if (!keys.publicKey || !keys.privateKey) fail('VAPID keys missing: pass --keys vapid.json or set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY');

  const options = {
    vapidDetails: { subject: values.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
    TTL: Number(values.ttl),
    urgency: values.urgency ?? URGENCY[payload.priority ?? 'normal'],
    ...(values.topic ? { topic: values.topic } : {}),
  };
  try {
    const result = await webpush.sendNotification(stored, JSON.stringify(payload), options);
    process.stdout.write(`sent: ${result.statusCode} ${stored.endpoint}\n`);
  } catch (error) {
    // 404/410: the subscription is gone (unsubscribed, expired): the store should delete it.
    const gone = error.statusCode === 404 || error.statusCode === 410;
    fail(`${error.statusCode ? `push service answered ${error.statusCode}` : error.message}${gone ? ' — the subscription expired: delete it' : ''}${error.body ? `\n${error.body}` : ''}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
