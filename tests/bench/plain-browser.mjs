// A Chromium the bench starts itself, on a profile directory, to time a page the way a customer's
// browser runs it. Playwright attaches DevTools to every page with its Network domain on: each
// WebSocket frame is then copied to the DevTools client, which measured here as ~0.1 ms a frame
// (1,000 frames pushed to an idle page: 156–298 ms with Playwright attached, 53–123 ms without).
// Here the bench talks to the browser's DevTools endpoint and, on the page, uses only `Page`
// (a script before the page's own, the load event), focus emulation and `Runtime.evaluate`.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { chromiumQuiet } from './quiet-browser.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function devToolsEndpoint(userDataDir, child, timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Chromium exited (${child.exitCode}) before it listened`);
    const lines = (await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8').catch(() => '')).split('\n');
    if (lines.length >= 2 && lines[1]) return `ws://127.0.0.1:${lines[0]}${lines[1]}`;
    await sleep(20);
  }
  throw new Error('Chromium did not open its DevTools endpoint');
}

/**
 * Starts headless Chromium on `userDataDir` and returns one page to drive.
 * @example const plain = await openPlainBrowser({ executablePath, args, userDataDir });
 * await plain.goto(url, initScript); const value = await plain.evaluate(fn, arg); await plain.close();
 */
export async function openPlainBrowser({ executablePath, args, userDataDir }) {
  await rm(join(userDataDir, 'DevToolsActivePort'), { force: true });
  const child = spawn(executablePath, ['--headless', ...args, `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank'], { stdio: 'ignore' });
  // 'error': it could not be started at all.
  const exited = new Promise((resolve) => {
    child.once('exit', resolve);
    child.once('error', resolve);
  });
  try {
    return await drive(child, exited, userDataDir);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

async function drive(child, exited, userDataDir) {
  const socket = new WebSocket(await devToolsEndpoint(userDataDir, child));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map();
  const listeners = new Set();
  socket.on('close', () => {
    for (const waiting of pending.values()) waiting.reject(new Error(`${waiting.method}: Chromium's DevTools connection closed`));
    pending.clear();
  });
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiting = message.id !== undefined && pending.get(message.id);
    if (waiting) {
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.resolve(message.result);
    } else if (message.method) {
      for (const listener of listeners) listener(message);
    }
  });
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, method });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  const nextEvent = (method, sessionId) =>
    new Promise((resolve) => {
      const listener = (message) => {
        if (message.method !== method || message.sessionId !== sessionId) return;
        listeners.delete(listener);
        resolve(message.params);
      };
      listeners.add(listener);
    });

  const { targetInfos } = await send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'page');
  if (!target) throw new Error('Chromium opened no page');
  const { sessionId } = await send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  await send('Page.enable', {}, sessionId);
  // A headless page has no focused window: the customer is looking at the store (as Playwright
  // emulates for its pages too), else every message would also be a notification.
  await send('Emulation.setFocusEmulationEnabled', { enabled: true }, sessionId);

  return {
    /** Navigates once the browser is quiet; `initScript` (a function) runs before the page's scripts. */
    async goto(url, initScript) {
      if (initScript) await send('Page.addScriptToEvaluateOnNewDocument', { source: `(${initScript})()` }, sessionId);
      await chromiumQuiet();
      const loaded = nextEvent('Page.loadEventFired', sessionId);
      await send('Page.navigate', { url }, sessionId);
      await loaded;
    },
    /** Runs `fn(arg)` in the page and resolves with its (JSON) result. */
    async evaluate(fn, arg) {
      const { result, exceptionDetails } = await send('Runtime.evaluate', { expression: `(${fn})(${JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true }, sessionId);
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      socket.close();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
