/** Limits of the customer firewall policy (see customer-policy.pfw). */
export interface CustomerPolicyLimits {
  /** Stanzas per second per session, after the burst. */
  sessionRate: number;
  /** Seconds of `sessionRate` a session may spend at once (bucket = rate × seconds). */
  sessionBurstSeconds: number;
  /** Room joins per second per IP address, after the burst. */
  joinRate: number;
  joinBurstSeconds: number;
  /** Sessions / IPs tracked at once; more are refused (fail closed). */
  rateEntries: number;
}

export const DEFAULT_POLICY: Readonly<CustomerPolicyLimits>;
export const PLUGIN_DIR: string;
export const CUSTOMER_POLICY_TEMPLATE: string;

export interface ProsodyConfigOptions {
  dataDir: string;
  domain?: string;
  interfaces?: string[];
  httpPort?: number;
  c2sPorts?: number[];
  storage?: 'internal' | 'sqlite' | 'memory' | Record<string, string | number>;
  archiveStorage?: 'memory' | 'internal' | 'sqlite';
  archiveExpiresAfter?: string;
  roomArchiveExpiresAfter?: string;
  maxArchiveQueryResults?: number;
  /** Conversations (rooms) kept live in memory (default 1,000; Prosody's own default is 100). */
  roomCacheSize?: number;
  /** Lua 5.4's garbage collector mode (default generational; Prosody's own default is incremental). */
  gcMode?: 'generational' | 'incremental';
  /** Messages kept per archive (per room); Prosody's memory store keeps 1,000 unless told. */
  archiveItemLimit?: number;
  registrationThrottle?: { max: number; periodSeconds: number };
  registrationAllowlist?: string[];
  uploadSizeLimit?: number;
  uploadExpiresAfterSeconds?: number;
  roomAdmins?: string[];
  websocketOrigins?: string[];
  trustedProxies?: string[];
  publicUrl?: string;
  logLevel?: 'debug' | 'info' | 'warn';
  runAsRoot?: boolean;
  policy?: Partial<CustomerPolicyLimits>;
  /** mod_limits read rate per client connection (default 256kb/s); false disables it. */
  c2sRateLimit?: { rate: string; burst: string } | false;
}

export interface ChatDomains {
  customerDomain: string;
  staffDomain: string;
  mucDomain: string;
  uploadDomain: string;
}

/** The domains of the live chat, derived from the customer domain. */
export function chatDomains(domain: string): ChatDomains;
/** The customer firewall policy, rendered for a domain and limits. */
export function renderCustomerPolicy(options: { domain: string; policy?: Partial<CustomerPolicyLimits> }): string;
/** The Prosody config (Lua) and the rendered firewall policy it loads from `<dataDir>/customer-policy.pfw`. */
export function createProsodyConfig(options: ProsodyConfigOptions): { config: string; policy: string };
