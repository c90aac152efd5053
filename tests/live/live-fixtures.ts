import { randomBytes } from 'node:crypto';
import { registerAccount } from './register-account';
import { createStaffClient, type StaffClient } from './staff-client';
import type { RunningProsody } from '../../scripts/prosody/prosody.mjs';

/** A random XMPP-safe name (local part, room name, password). */
export function randomName(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

export interface Customer {
  jid: string;
  password: string;
  client: StaffClient;
}

/** Registers a throwaway customer in-band (what the widget does) and logs it in. */
export async function connectNewCustomer(server: RunningProsody, options: { forwardedFor?: string } = {}): Promise<Customer> {
  const username = randomName('c');
  const password = randomName('pw');
  const jid = await registerAccount({ service: server.wsUrl, domain: server.customerDomain, username, password, ...options });
  const client = await createStaffClient({ service: server.wsUrl, jid, password });
  return { jid, password, client };
}

/** Stops every client, ignoring the ones already stopped. */
export async function stopAll(clients: Array<StaffClient | undefined>): Promise<void> {
  await Promise.all(clients.map((client) => client?.stop().catch(() => undefined)));
}
