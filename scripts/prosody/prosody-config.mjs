// The Prosody configuration of the live chat, generated from a few documented options so tests,
// `npm run demo:live` and a production server all start from the same text.
// docs/live-chat.md explains each choice; this file only writes them down.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The folder of the project's own Prosody modules (mod_muc_pinned_config). */
export const PLUGIN_DIR = join(HERE, 'modules');
/** The customer-host firewall policy template (mod_firewall syntax, {{placeholders}}). */
export const CUSTOMER_POLICY_TEMPLATE = join(HERE, 'customer-policy.pfw');

/**
 * Limits of the customer firewall policy. Production defaults: 20 stanzas in a burst then 2/s per
 * session; 5 room joins in a burst then 1 every 10 s per IP address.
 */
export const DEFAULT_POLICY = Object.freeze({
  sessionRate: 2,
  sessionBurstSeconds: 10,
  joinRate: 0.1,
  joinBurstSeconds: 50,
  rateEntries: 10_000,
});

/** Defaults of {@link createProsodyConfig}; every key can be overridden. */
export const DEFAULT_OPTIONS = Object.freeze({
  domain: 'chat.localhost',
  interfaces: ['127.0.0.1'],
  httpPort: 5280,
  c2sPorts: [],
  storage: 'internal',
  archiveStorage: undefined,
  archiveExpiresAfter: '4w',
  roomArchiveExpiresAfter: '12w',
  maxArchiveQueryResults: 1_000,
  roomCacheSize: 1_000,
  gcMode: 'generational',
  archiveItemLimit: 10_000,
  registrationThrottle: { max: 10, periodSeconds: 3600 },
  registrationAllowlist: undefined,
  uploadSizeLimit: 10 * 1024 * 1024,
  uploadExpiresAfterSeconds: 28 * 86400,
  roomAdmins: [],
  websocketOrigins: undefined,
  trustedProxies: ['127.0.0.1', '::1'],
  publicUrl: undefined,
  logLevel: 'info',
  runAsRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  policy: DEFAULT_POLICY,
  // Prosody's own example (10kb/s) paces every read by size/rate: ~30 ms more per message here.
  c2sRateLimit: { rate: '256kb/s', burst: '2s' },
});

/**
 * The three XMPP domains the live chat uses, all derived from the customer domain:
 * customers register on `domain`, staff log in on `staff.<domain>`, conversations are rooms on
 * `rooms.<domain>` (so `restrict_room_creation = "local"` lets customers, and only them, create
 * rooms), files go to `upload.<domain>`.
 * @param {string} domain
 */
export function chatDomains(domain) {
  return { customerDomain: domain, staffDomain: `staff.${domain}`, mucDomain: `rooms.${domain}`, uploadDomain: `upload.${domain}` };
}

/**
 * Renders scripts/prosody/customer-policy.pfw for the given domains and limits.
 * @param {{ domain: string, policy?: Partial<typeof DEFAULT_POLICY> }} options
 * @returns {string}
 * @example writeFileSync('customer-policy.pfw', renderCustomerPolicy({ domain: 'chat.example.com' }));
 */
export function renderCustomerPolicy(options) {
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  const domains = chatDomains(options.domain);
  const values = {
    ...domains,
    staffDomainPattern: domains.staffDomain.replace(/[^A-Za-z0-9]/g, (c) => `%${c}`),
    sessionRate: String(policy.sessionRate),
    sessionBurst: String(policy.sessionBurstSeconds),
    sessionBucket: String(policy.sessionRate * policy.sessionBurstSeconds),
    joinRate: String(policy.joinRate),
    joinBurst: String(policy.joinBurstSeconds),
    rateEntries: String(policy.rateEntries),
  };
  const template = readFileSync(CUSTOMER_POLICY_TEMPLATE, 'utf8');
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`customer-policy.pfw: unknown placeholder {{${key}}}`);
    return values[/** @type {keyof typeof values} */ (key)];
  });
}

/** A Lua string literal (Prosody's config is Lua). @param {string} value */
function lua(value) {
  if ([...value].some((c) => c.charCodeAt(0) < 0x20)) throw new Error(`Prosody config: control character in ${JSON.stringify(value)}`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** @param {readonly (string|number)[]} values */
function luaList(values) {
  return `{ ${values.map((v) => (typeof v === 'number' ? String(v) : lua(v))).join(', ')} }`;
}

/** @param {unknown} storage */
function storageLines(storage) {
  if (storage === 'internal' || storage === 'memory') return [`default_storage = ${lua(storage)}`];
  if (storage === 'sqlite') return ['default_storage = "sql"', 'sql = { driver = "SQLite3", database = "prosody.sqlite" }'];
  if (storage && typeof storage === 'object') {
    const sql = /** @type {Record<string, string|number>} */ (storage);
    const fields = Object.entries(sql).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : lua(String(v))}`);
    return ['default_storage = "sql"', `sql = { ${fields.join(', ')} }`];
  }
  throw new Error(`Prosody config: unknown storage ${JSON.stringify(storage)}`);
}

/**
 * @typedef {object} ProsodyConfigOptions
 * @property {string} dataDir Where Prosody keeps its data, pid file, log and the rendered policy.
 * @property {string} [domain] The customer XMPP domain (default `chat.localhost`); see {@link chatDomains}.
 * @property {string[]} [interfaces] Addresses to listen on (default loopback only).
 * @property {number} [httpPort] HTTP port for WebSocket (`/xmpp-websocket`) and file upload.
 * @property {number[]} [c2sPorts] Plain XMPP client ports (STARTTLS) for desktop clients; none by default.
 * @property {'internal'|'sqlite'|'memory'|Record<string, string|number>} [storage] `internal` (files), `sqlite`, `memory` (nothing survives a restart), or a Prosody `sql` table (PostgreSQL).
 * @property {'memory'|'internal'|'sqlite'} [archiveStorage] A different store for message archives (tests: `memory`).
 * @property {string} [archiveExpiresAfter] Expiry of personal archives (Prosody duration: `1w`, `4w`, `1y`).
 * @property {string} [roomArchiveExpiresAfter] Expiry of conversation (room) archives.
 * @property {number} [maxArchiveQueryResults] Largest MAM page a client may ask for.
 * @property {number} [roomCacheSize] Conversations (rooms) kept live in memory; above it the least recently used are written out and read back on their next message.
 * @property {'generational'|'incremental'} [gcMode] Lua 5.4's garbage collector mode (Prosody's default is incremental).
 * @property {number} [archiveItemLimit] Messages kept per archive (per room); over it the oldest go first.
 * @property {{ max: number, periodSeconds: number }} [registrationThrottle] In-band registrations per IP per period.
 * @property {string[]} [registrationAllowlist] IPs exempt from the throttle (Prosody's default: loopback); `[]` throttles everyone.
 * @property {number} [uploadSizeLimit] Largest file (bytes) for XEP-0363 upload.
 * @property {number} [uploadExpiresAfterSeconds] When uploaded files are deleted.
 * @property {string[]} [roomAdmins] Staff JIDs that own every room (can read any conversation).
 * @property {string[]} [websocketOrigins] Allowed browser origins for the WebSocket (Prosody 0.12 does not enforce them).
 * @property {string[]} [trustedProxies] Reverse proxies whose X-Forwarded-For gives the client IP.
 * @property {string} [publicUrl] The public HTTPS base URL (behind the reverse proxy), e.g. `https://chat.example.com/`.
 * @property {'debug'|'info'|'warn'} [logLevel]
 * @property {boolean} [runAsRoot] Needed when Prosody is started as root (CI containers).
 * @property {Partial<typeof DEFAULT_POLICY>} [policy] Limits of the customer firewall policy.
 * @property {{ rate: string, burst: string } | false} [c2sRateLimit] mod_limits read rate per client connection (default 256kb/s); `false` disables it.
 */

/**
 * Writes the Prosody config (Lua) for the live chat: a customer host with throttled in-band
 * registration and the firewall policy, a staff host without registration, a persistent,
 * members-only, archived MUC service, HTTP file upload, WebSocket, no federation.
 * @param {ProsodyConfigOptions} options
 * @returns {{ config: string, policy: string }} the config text and the rendered firewall policy
 *   (the config expects the policy at `<dataDir>/customer-policy.pfw`).
 * @example
 * const { config, policy } = createProsodyConfig({ dataDir: '/var/lib/chat', domain: 'chat.example.com' });
 */
export function createProsodyConfig(options) {
  const o = { ...DEFAULT_OPTIONS, ...options };
  // Prosody would start anyway: with its own GC mode (an error in its log) or 100 live rooms.
  if (o.gcMode !== 'generational' && o.gcMode !== 'incremental') throw new Error(`Prosody config: gcMode must be "generational" or "incremental", not ${JSON.stringify(o.gcMode)}`);
  if (!Number.isInteger(o.roomCacheSize) || o.roomCacheSize < 1) throw new Error(`Prosody config: roomCacheSize must be a positive integer, not ${JSON.stringify(o.roomCacheSize)}`);
  const { customerDomain, staffDomain, mucDomain, uploadDomain } = chatDomains(o.domain);
  const dataDir = o.dataDir;
  const archiveDriver = o.archiveStorage === 'sqlite' ? 'sql' : o.archiveStorage;
  // mod_mam keeps personal archives in the "archive" store, mod_muc_mam room archives in "muc_log".
  const archiveStores = archiveDriver ? `storage = { archive = ${lua(archiveDriver)}, muc_log = ${lua(archiveDriver)} }` : null;
  const lines = [
    '-- Generated by scripts/prosody/prosody-config.mjs: change the options there, not this file.',
    o.runAsRoot ? 'run_as_root = true -- started as root (CI); otherwise Prosody refuses and half-starts' : null,
    `data_path = ${lua(join(dataDir, 'data'))}`,
    `pidfile = ${lua(join(dataDir, 'prosody.pid'))}`,
    `certificates = ${lua(join(dataDir, 'certs'))} -- none: TLS is the reverse proxy's job`,
    `plugin_paths = { ${lua(PLUGIN_DIR)} }`,
    `log = { { levels = { min = ${lua(o.logLevel)} }, to = "file", filename = ${lua(join(dataDir, 'prosody.log'))} } }`,
    '',
    '-- Network: loopback (or the given interfaces), no federation, WebSocket over plain HTTP behind',
    '-- a TLS-terminating reverse proxy (so the WebSocket counts as secure and SCRAM is offered).',
    `interfaces = ${luaList(o.interfaces)}`,
    `local_interfaces = ${luaList(o.interfaces)}`,
    `c2s_ports = ${luaList(o.c2sPorts)}`,
    's2s_ports = { }',
    'component_ports = { }',
    `http_ports = ${luaList([o.httpPort])}`,
    `http_interfaces = ${luaList(o.interfaces)}`,
    'https_ports = { }',
    `http_default_host = ${lua(customerDomain)}`,
    o.publicUrl ? `http_external_url = ${lua(o.publicUrl)}` : `http_external_url = ${lua(`http://${o.interfaces[0] ?? '127.0.0.1'}:${o.httpPort}/`)}`,
    `trusted_proxies = ${luaList(o.trustedProxies)}`,
    'consider_websocket_secure = true',
    o.websocketOrigins ? `cross_domain_websocket = ${luaList(o.websocketOrigins)}` : null,
    '-- Nagle off: localhost round-trip p95 ~48 ms with it, ~9 ms without.',
    'network_settings = { nagle = false }',
    '-- Generational GC (Lua 5.4): with Prosody\'s incremental default, collection took most of the CPU of',
    '-- a message (0.7-0.9 ms a message here instead of 1.8-2.0; an archive page of 1,000: 70 ms instead of 140-390).',
    `gc = { mode = ${lua(o.gcMode)} }`,
    'c2s_require_encryption = false -- TLS ends at the proxy; no plain TCP port is open by default',
    'allow_unencrypted_plain_auth = false',
    '',
    ...storageLines(o.storage),
    archiveStores,
    `archive_expires_after = ${lua(o.archiveExpiresAfter)}`,
    '-- One page holds a long absence: the widget reads the newest page first, so fewer, larger pages',
    '-- save a round trip each (Prosody\'s default cap is 50).',
    `max_archive_query_results = ${o.maxArchiveQueryResults}`,
    '-- Messages kept per archive (per room); over it the oldest go first (the memory store keeps 1,000 by default).',
    `storage_archive_item_limit = ${o.archiveItemLimit}`,
    'mam_smart_enable = false',
    'default_archive_policy = true',
    '',
    'modules_enabled = {',
    '  "roster"; "saslauth"; "disco"; "carbons"; "private"; "blocklist"; "ping"; "time"; "uptime";',
    `  "mam"; "smacks"; "csi_simple"; "websocket"; "http";${o.c2sRateLimit ? ' "limits";' : ''}`,
    '}',
    'modules_disabled = { "s2s"; "s2s_auth_certs"; "dialback" }',
    o.c2sRateLimit ? '-- Per-connection read limit: a flood costs the sender, not the server.' : null,
    o.c2sRateLimit ? `limits = { c2s = { rate = ${lua(o.c2sRateLimit.rate)}; burst = ${lua(o.c2sRateLimit.burst)} } }` : null,
    'smacks_hibernation_time = 300',
    '-- Unacknowledged stanzas kept for resumption: above it a session cannot resume. Prosody\'s 500 is',
    '-- less than one archive page, so a connection lost during a catch-up could not resume.',
    `smacks_max_queue_size = ${o.maxArchiveQueryResults + 500}`,
    '',
    `-- Customers: throwaway accounts registered in-band by the widget (XEP-0077), never ANONYMOUS.`,
    `VirtualHost ${lua(customerDomain)}`,
    '  authentication = "internal_hashed"',
    '  allow_registration = true',
    `  registration_throttle_max = ${o.registrationThrottle.max}`,
    `  registration_throttle_period = ${o.registrationThrottle.periodSeconds}`,
    o.registrationAllowlist ? `  registration_whitelist = ${luaList(o.registrationAllowlist)}` : null,
    '  modules_enabled = { "register"; "firewall" }',
    `  firewall_scripts = { ${lua(join(dataDir, 'customer-policy.pfw'))} }`,
    `  disco_items = { { ${lua(mucDomain)}, "Conversations" }; { ${lua(uploadDomain)}, "File upload" } }`,
    '',
    '-- Staff: accounts made by the store (prosodyctl register), no self-registration.',
    `VirtualHost ${lua(staffDomain)}`,
    '  authentication = "internal_hashed"',
    '  allow_registration = false',
    `  disco_items = { { ${lua(mucDomain)}, "Conversations" }; { ${lua(uploadDomain)}, "File upload" } }`,
    '',
    '-- One room per conversation: members-only, persistent, hidden, archived; created by customers only.',
    `Component ${lua(mucDomain)} "muc"`,
    '  name = "Conversations"',
    '  modules_enabled = { "muc_mam"; "muc_pinned_config" }',
    '  restrict_room_creation = "local"',
    '  -- Prosody keeps 100 rooms live by default: past that every message to another room wrote one out',
    '  -- and read its own back (4 ms of CPU a message with 200 conversations at once).',
    `  muc_room_cache_size = ${o.roomCacheSize}`,
    `  admins = ${luaList(o.roomAdmins)}`,
    '  muc_room_default_members_only = true',
    '  muc_room_default_persistent = true',
    '  muc_room_default_public = false',
    '  muc_room_default_history_length = 0',
    '  muc_room_allow_public = false',
    '  muc_log_all_rooms = true',
    '  muc_log_by_default = true',
    `  muc_log_expires_after = ${lua(o.roomArchiveExpiresAfter)}`,
    '',
    `Component ${lua(uploadDomain)} "http_file_share"`,
    `  http_file_share_size_limit = ${o.uploadSizeLimit}`,
    `  http_file_share_expires_after = ${o.uploadExpiresAfterSeconds}`,
    `  http_file_share_daily_quota = ${o.uploadSizeLimit * 20}`,
    `  http_file_share_access = ${luaList([customerDomain, staffDomain])}`,
    '  -- Served on the same HTTP host as the WebSocket, so one public name (and one proxy rule) covers both.',
    `  http_host = ${lua(customerDomain)}`,
    '',
  ];
  return { config: lines.filter((line) => line !== null).join('\n'), policy: renderCustomerPolicy(o) };
}
