// Starts a real Prosody for tests, benches and `npm run demo:live`: own config, temp data dir,
// loopback only, free ports; stopped by pid. See docs/live-chat.md and LIVE-CHAT-TESTING.md.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatDomains, createProsodyConfig } from './prosody-config.mjs';

const PROSODY = process.env.PROSODY_PATH ?? '/usr/bin/prosody';
const PROSODYCTL = process.env.PROSODYCTL_PATH ?? '/usr/bin/prosodyctl';
const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

/** The fix to print when Prosody is not installed. */
export const PROSODY_MISSING =
  'Prosody is not installed: the live-chat tests need a real XMPP server. Install Debian\'s packages with ' +
  '`sudo apt-get install -y prosody prosody-modules` (CI does it in .ci/run), or set PROSODY_PATH/PROSODYCTL_PATH.';

/** True when the prosody and prosodyctl binaries and mod_firewall (prosody-modules) are present. */
export function hasProsody() {
  return existsSync(PROSODY) && existsSync(PROSODYCTL) && existsSync('/usr/lib/prosody/modules/mod_firewall/mod_firewall.lua');
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a race with another process is unlikely and fails loudly). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {string} url
 * @param {() => string | undefined} died returns why the process is gone, if it is
 */
async function waitForHttp(url, died) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (let wait = 10; Date.now() < deadline; wait = Math.min(wait * 2, 200)) {
    const reason = died();
    if (reason) throw new Error(reason);
    const answered = await fetch(url).then((response) => response.status > 0, () => false);
    if (answered) return;
    await delay(wait);
  }
  throw new Error(`Prosody did not answer ${url} within ${READY_TIMEOUT_MS} ms`);
}

/**
 * @typedef {object} StartProsodyOptions
 * @property {string} [dir] Folder for config, data and log (default: a new temp dir, deleted by stop()).
 * @property {{ http?: number }} [ports] Fixed ports (default: free ones).
 * @property {Omit<import('./prosody-config.mjs').ProsodyConfigOptions, 'dataDir' | 'httpPort'>} [config] Config options.
 */

/**
 * @typedef {object} RunningProsody
 * @property {string} wsUrl WebSocket endpoint (RFC 7395).
 * @property {string} httpUrl HTTP base URL.
 * @property {string} customerDomain
 * @property {string} staffDomain
 * @property {string} mucDomain
 * @property {string} uploadDomain
 * @property {string} dir
 * @property {number} pid
 * @property {(user: string, password: string) => Promise<string>} createStaff Creates a staff account; resolves its JID.
 * @property {() => Promise<string>} log The server log so far.
 * @property {() => Promise<void>} stop SIGTERM, SIGKILL after 5 s; deletes the temp dir it made.
 */

/**
 * Starts Prosody in the foreground from a generated config and resolves once its WebSocket
 * endpoint answers. Rejects with the log if the process dies first, or with {@link PROSODY_MISSING}.
 * @param {StartProsodyOptions} [options]
 * @returns {Promise<RunningProsody>}
 * @example
 * const server = await startProsody({ config: { archiveStorage: 'memory' } });
 * const staff = await server.createStaff('ana', 'secret-password');
 * await server.stop();
 */
export async function startProsody(options = {}) {
  if (!hasProsody()) throw new Error(PROSODY_MISSING);
  const ownDir = !options.dir;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'chatbot-prosody-')));
  await mkdir(join(dir, 'data'), { recursive: true });
  await mkdir(join(dir, 'certs'), { recursive: true });
  const httpPort = options.ports?.http ?? (await freePort());
  const { config, policy } = createProsodyConfig({ ...options.config, dataDir: dir, httpPort });
  const configPath = join(dir, 'prosody.cfg.lua');
  const logPath = join(dir, 'prosody.log');
  await writeFile(configPath, config);
  await writeFile(join(dir, 'customer-policy.pfw'), policy);

  const child = spawn(PROSODY, ['-F', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  /** @type {string | undefined} */
  let exited;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `code ${code ?? '-'} signal ${signal ?? '-'}`;
      resolve(undefined);
    });
  });
  const readLog = () => readFile(logPath, 'utf8').catch(() => '');

  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const wsUrl = `ws://127.0.0.1:${httpPort}/xmpp-websocket`;
  try {
    await waitForHttp(`${httpUrl}/xmpp-websocket`, () => (exited ? `Prosody exited (${exited})` : undefined));
    // Prosody half-starts on a bad config or as root without run_as_root: the log says so.
    const log = await readLog();
    const errors = log.split('\n').filter((line) => /\terror\t|Refusing to run as root/.test(line));
    if (errors.length > 0) throw new Error(`Prosody started with errors:\n${errors.join('\n')}`);
  } catch (error) {
    const log = await readLog();
    child.kill('SIGKILL');
    await exit;
    if (ownDir) await rm(dir, { recursive: true, force: true });
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- prosody output ---\n${output}\n--- prosody.log ---\n${log}`);
  }

  const domains = chatDomains(options.config?.domain ?? 'chat.localhost');
  let stopped = false;
  return {
    wsUrl,
    httpUrl,
    ...domains,
    dir,
    pid: child.pid ?? 0,
    async createStaff(user, password) {
      const jid = `${user}@${domains.staffDomain}`;
      await new Promise((resolve, reject) => {
        execFile(PROSODYCTL, ['--config', configPath, 'register', user, domains.staffDomain, password], (error, stdout, stderr) =>
          error ? reject(new Error(`prosodyctl register ${jid} failed: ${stderr || stdout || error.message}`)) : resolve(undefined),
        );
      });
      return jid;
    },
    log: readLog,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exit;
        clearTimeout(killer);
      }
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
