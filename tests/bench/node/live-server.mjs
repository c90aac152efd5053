// Live chat through a real Prosody (project config): 200 simulated customers × 5 messages to staff,
// and the catch-up of 1,000 archived messages. Node clients on `stanza`, loopback only.
// LIVE_BENCH_STORAGES=memory,internal,sqlite,postgres (comma list) compares stores (default: memory;
// `memory` keeps archives in memory, the others hold everything); postgres reads its connection
// from LIVE_BENCH_POSTGRES, e.g. {"host":"127.0.0.1","port":5432,"database":"prosody","username":"prosody","password":"…"}.
// LIVE_BENCH_CUSTOMERS changes the 200.
import { createClient } from 'stanza';
import WebSocket from 'ws';
import { startProsody } from '../../../scripts/prosody/prosody.mjs';

const CUSTOMERS = Number(process.env.LIVE_BENCH_CUSTOMERS ?? 200);
const MESSAGES = 5;
const CATCH_UP = 1_000;
// The widget asks for pages of 1,000 (the project config's max_archive_query_results); LIVE_BENCH_PAGE compares.
const PAGE = Number(process.env.LIVE_BENCH_PAGE ?? 1_000);

const random = () => Math.random().toString(36).slice(2, 12);
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** XEP-0077 over a bare WebSocket (stanza has no pre-login registration). */
function register(service, domain, username, password) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(service, 'xmpp');
    socket.on('error', reject);
    socket.on('open', () => socket.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`));
    socket.on('message', (data) => {
      const text = String(data);
      if (text.includes('iq-register')) {
        socket.send(`<iq xmlns="jabber:client" type="set" id="r"><query xmlns="jabber:iq:register"><username>${username}</username><password>${password}</password></query></iq>`);
      } else if (text.includes("id='r'") || text.includes('id="r"')) {
        socket.close();
        if (text.includes("type='result'") || text.includes('type="result"')) resolve(`${username}@${domain}`);
        else reject(new Error(`registration refused: ${text}`));
      }
    });
  });
}

async function login(service, jid, password) {
  const client = createClient({ jid, password, transports: { websocket: service, bosh: false }, chatMarkers: false, sendReceipts: false, useStreamManagement: false });
  await new Promise((resolve, reject) => {
    client.once('session:started', resolve);
    client.once('auth:failed', () => reject(new Error(`login refused: ${jid}`)));
    client.connect();
  });
  client.sendPresence();
  return client;
}

async function inBatches(items, size, work) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

/** Resident memory (MB) and CPU time so far (s) of a process, from /proc. */
async function processFigures(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(stat[11] ?? NaN) + Number(stat[12] ?? NaN);
  return { rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024, cpuSeconds: ticks / 100 };
}

async function runScenario(storage) {
  const stores = {
    memory: { archiveStorage: 'memory' },
    internal: { storage: 'internal' },
    sqlite: { storage: 'sqlite' },
    postgres: { storage: { driver: 'PostgreSQL', ...JSON.parse(process.env.LIVE_BENCH_POSTGRES ?? '{}') } },
  };
  if (!stores[storage]) throw new Error(`unknown storage ${storage}`);
  const server = await startProsody({
    config: {
      ...stores[storage],
      // One machine plays 200 customers from 127.0.0.1: the per-IP join budget is widened.
      policy: { joinRate: 100, joinBurstSeconds: 10 },
    },
  });
  const clients = [];
  try {
    const staffPassword = random();
    const staffJid = await server.createStaff('bench', staffPassword);
    const staff = await login(server.wsUrl, staffJid, staffPassword);
    clients.push(staff);
    const joined = new Set();
    staff.on('muc:invite', (invite) => {
      staff.joinRoom(invite.room, 'staff', { muc: { type: 'join', history: { maxStanzas: 0 } } }).then(() => joined.add(invite.room));
    });

    const loginStart = performance.now();
    const customers = await inBatches(Array.from({ length: CUSTOMERS }, (_, i) => i), 25, async (i) => {
      const password = random();
      const jid = await register(server.wsUrl, server.customerDomain, `bench${i}-${random()}`, password);
      const client = await login(server.wsUrl, jid, password);
      clients.push(client);
      const room = `room-${i}-${random()}@${server.mucDomain}`;
      await client.joinRoom(room, 'cliente', { muc: { type: 'join', history: { maxStanzas: 0 } } });
      await client.configureRoom(room, { fields: [{ name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#roomconfig' }] });
      client.invite(room, { to: staffJid });
      return { client, room };
    });
    const setupMs = performance.now() - loginStart;
    const deadline = Date.now() + 30_000;
    while (joined.size < CUSTOMERS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

    const latencies = [];
    let errors = 0;
    staff.on('groupchat', (message) => {
      const match = /^b:(\d+(?:\.\d+)?)$/.exec(message.body ?? '');
      if (match && message.from?.endsWith('/cliente')) latencies.push(performance.now() - Number(match[1]));
    });
    for (const { client } of customers) client.on('message:error', () => errors++);
    const before = await processFigures(server.pid);
    const sendStart = performance.now();
    await Promise.all(
      customers.map(async ({ client, room }) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1_000));
        for (let m = 0; m < MESSAGES; m++) {
          client.sendMessage({ to: room, type: 'groupchat', body: `b:${performance.now()}` });
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }),
    );
    const waitUntil = Date.now() + 30_000;
    while (latencies.length < CUSTOMERS * MESSAGES && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 20));
    const sendMs = performance.now() - sendStart;
    const sorted = [...latencies].sort((a, b) => a - b);
    const memory = await processFigures(server.pid);
    const prosodyCpuMs = (1000 * (memory.cpuSeconds - before.cpuSeconds)) / (CUSTOMERS * MESSAGES);

    // Catch-up: staff writes 1,000 messages while the customer is away; the customer pages through them.
    const { client: customer, room } = customers[0];
    for (let i = 0; i < CATCH_UP; i++) staff.sendMessage({ to: room, type: 'groupchat', body: `catch-up ${i}` });
    await new Promise((resolve) => {
      const onMessage = (message) => {
        if (message.body === `catch-up ${CATCH_UP - 1}`) {
          customer.off('groupchat', onMessage);
          resolve();
        }
      };
      customer.on('groupchat', onMessage);
    });
    const catchUpStart = performance.now();
    let fetched = 0;
    let after;
    for (;;) {
      const fin = await customer.searchHistory(room, { paging: { max: PAGE, ...(after ? { after } : {}) } });
      fetched += (fin.results ?? []).filter((r) => r.item.message?.body?.startsWith('catch-up ')).length;
      if (fin.complete || !fin.paging?.last) break;
      after = fin.paging.last;
    }
    const catchUpMs = performance.now() - catchUpStart;

    return { storage, delivered: latencies.length, errors, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), setupMs, sendMs, rssMb: memory.rssMb, prosodyCpuMs, fetched, catchUpMs };
  } finally {
    await Promise.all(clients.map((client) => new Promise((resolve) => {
      client.once('--transport-disconnected', resolve);
      client.disconnect();
      setTimeout(resolve, 2_000);
    })));
    await server.stop();
  }
}

export default async function liveServer() {
  const storages = (process.env.LIVE_BENCH_STORAGES ?? 'memory').split(',').filter(Boolean);
  const rows = [];
  for (const storage of storages) {
    const r = await runScenario(storage);
    const label = `[archive: ${storage}]`;
    rows.push(
      { figure: `${CUSTOMERS} customers × ${MESSAGES} msgs: delivered to staff ${label}`, value: (100 * r.delivered) / (CUSTOMERS * MESSAGES), unit: '%', goal: '100 %', pass: r.delivered === CUSTOMERS * MESSAGES && r.errors === 0 },
      { figure: `customer → staff p50 ${label}`, value: r.p50, unit: 'ms' },
      { figure: `customer → staff p95 ${label}`, value: r.p95, unit: 'ms', goal: '≤ 250 ms', pass: r.p95 <= 250 },
      { figure: `${CUSTOMERS} registrations + logins + rooms ${label}`, value: r.setupMs, unit: 'ms' },
      { figure: `Prosody memory after the run ${label}`, value: r.rssMb, unit: 'MB' },
      { figure: `Prosody CPU per message (send phase) ${label}`, value: r.prosodyCpuMs, unit: 'ms' },
      { figure: `catch-up of ${CATCH_UP} archived messages, pages of ${PAGE} (Node client) ${label}`, value: r.catchUpMs, unit: 'ms', goal: '≤ 1 s', pass: r.fetched === CATCH_UP && r.catchUpMs <= 1_000 },
    );
  }
  return rows;
}
