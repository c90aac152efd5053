import type { Clock } from '../core/clock';
import { LIVE_CHAT_KV, type ChatbotStorage, type LiveAccountRecord } from '../storage';
import { registerThrowawayAccount } from './protocol/register-account';
import type { LiveChatSettings } from './settings';

export interface AccountOptions {
  storage: ChatbotStorage;
  settings: LiveChatSettings;
  clock: Clock;
  /** Registers a new account (tests pass a fake). */
  register?: typeof registerThrowawayAccount;
}

/**
 * The customer's XMPP account: the stored one, or a throwaway account registered in-band the
 * first time live chat is needed (XEP-0077), kept with the widget's data (and so in backups).
 * Only the connection's owner calls it, so two tabs never register two accounts.
 * @example const { jid, password } = await ensureAccount({ storage, settings, clock });
 */
export async function ensureAccount(options: AccountOptions): Promise<LiveAccountRecord> {
  const { storage, settings } = options;
  const stored = await storage.get('kv', LIVE_CHAT_KV.account);
  if (stored && stored.server === settings.server && stored.jid.endsWith(`@${settings.domain}`)) return stored;
  const register = options.register ?? registerThrowawayAccount;
  const account = await register({ service: settings.server, domain: settings.domain, timeoutMs: settings.requestTimeoutMs });
  const record: LiveAccountRecord = { id: LIVE_CHAT_KV.account, jid: account.jid, password: account.password, server: settings.server, createdAt: options.clock.now() };
  storage.put('kv', record);
  // The account exists on the server from now on: losing its password would orphan the room.
  await storage.flush();
  return record;
}
