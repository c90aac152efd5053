import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { pollUntil } from '../../shared/poll';
import { CHROME_ARGS, CHROME_PATH } from '../helpers/browser';

/** A headless Chromium this test started itself, over a persistent profile, that it can SIGKILL. */
export interface KillableBrowser {
  /** The browser process id: also its process group id (the renderers and the GPU process are in it). */
  readonly pid: number;
  readonly browser: Browser;
  /** The profile's default context (the one whose IndexedDB lives in the user-data dir). */
  readonly context: BrowserContext;
  /** SIGKILL to the whole process group, as a crash or a power cut would stop it: nothing gets to flush. */
  kill(): Promise<void>;
  /** True from the moment `kill()` is called. */
  readonly killed: boolean;
  /**
   * Awaits a call into the browser that a kill may cut (a `page.evaluate` that starts the work
   * being killed): its answer, or `undefined` when it failed after `kill()` was called. A failure
   * before the kill is the test's own and is thrown.
   */
  survive<T>(work: Promise<T>): Promise<T | undefined>;
  /** Closes it normally. */
  close(): Promise<void>;
}

/**
 * Starts Chromium as the leader of a new process group, on `userDataDir`, and connects over CDP
 * (playwright's own launch hides the pid and kills the browser itself).
 * @example const b = await launchKillable(dir); const page = await b.context.newPage(); …; await b.kill();
 */
export async function launchKillable(userDataDir: string): Promise<KillableBrowser> {
  const child: ChildProcess = spawn(CHROME_PATH, [...CHROME_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        child.stderr!.off('data', onData);
        // Keep draining stderr so a chatty browser never blocks on a full pipe.
        child.stderr!.resume();
        resolve(match[1]!);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}) before listening: ${seen.slice(-2000)}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const pid = child.pid!;
  let killed = false;
  return {
    pid,
    browser,
    context: browser.contexts()[0]!,
    get killed() {
      return killed;
    },
    async survive<T>(work: Promise<T>): Promise<T | undefined> {
      try {
        return await work;
      } catch (error) {
        if (killed) return undefined;
        throw error;
      }
    },
    async kill() {
      killed = true;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
      // The storage, network and GPU processes die a little after the main one: the next browser
      // on this profile must not start while one of them still holds its files.
      await pollUntil(async () => {
        const left = await groupProcesses(pid);
        if (left.length > 0) throw new Error(`processes of the killed browser still running: ${left.join(', ')}`);
      }, { timeout: 10_000, interval: 20 });
      await browser.close().catch(() => undefined);
    },
    async close() {
      await browser.close().catch(() => undefined);
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    },
  };
}

/** The live (not zombie) processes of process group `group`. */
async function groupProcesses(group: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid pgrp …": the fields after the last ')' (comm may hold any character).
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z' && state !== 'X') found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
