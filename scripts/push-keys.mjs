#!/usr/bin/env node
// npm run push:keys [-- --json]
// Prints a new VAPID key pair (web-push). The public key goes in the page's script tag
// (data-vapid-key) or CHATBOT_CONFIG.pushNotifications.vapidPublicKey; the private key stays on
// the store's server, next to `npm run push:send`.
import webpush from 'web-push';

const keys = webpush.generateVAPIDKeys();
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
} else {
  process.stdout.write(
    [
      'VAPID key pair (keep the private key secret):',
      '',
      `VAPID_PUBLIC_KEY=${keys.publicKey}`,
      `VAPID_PRIVATE_KEY=${keys.privateKey}`,
      '',
      'In the store page:',
      `  <script src="/chatbot.js" data-vapid-key="${keys.publicKey}" data-push-endpoint="/api/push/subscriptions"></script>`,
      '',
      'Save them for push:send:  npm run -s push:keys -- --json > vapid.json',
      '',
    ].join('\n'),
  );
}
