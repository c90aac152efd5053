import type { ChatDomains, ProsodyConfigOptions } from './prosody-config.mjs';

export const PROSODY_MISSING: string;
/** True when prosody, prosodyctl and mod_firewall are installed. */
export function hasProsody(): boolean;
/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;

export interface StartProsodyOptions {
  /** Folder for config, data and log (default: a new temp dir, deleted by stop()). */
  dir?: string;
  ports?: { http?: number };
  config?: Omit<ProsodyConfigOptions, 'dataDir' | 'httpPort'>;
}

export interface RunningProsody extends ChatDomains {
  /** WebSocket endpoint (RFC 7395), e.g. `ws://127.0.0.1:40123/xmpp-websocket`. */
  wsUrl: string;
  httpUrl: string;
  dir: string;
  pid: number;
  /** Creates a staff account with prosodyctl; resolves its JID. */
  createStaff(user: string, password: string): Promise<string>;
  /** The server log so far. */
  log(): Promise<string>;
  /** SIGTERM, SIGKILL after 5 s; deletes the temp dir it made. */
  stop(): Promise<void>;
}

/** Starts Prosody from a generated config; resolves once the WebSocket endpoint answers. */
export function startProsody(options?: StartProsodyOptions): Promise<RunningProsody>;
