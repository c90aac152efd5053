import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium floods the closed network with connections.
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
}

export interface Profile {
  dir: string;
  context: BrowserContext;
  /** Closes the browser, keeping the profile dir (reopen it with `reopen`). */
  close(): Promise<void>;
  reopen(): Promise<Profile>;
  /** Closes and deletes the profile dir. */
  dispose(): Promise<void>;
}

/**
 * A persistent profile in a fresh temp dir: what install, real notification clicks and storage
 * across a browser restart need (an incognito context cannot do those).
 */
export async function launchProfile(options: { dir?: string; env?: Record<string, string>; viewport?: { width: number; height: number } } = {}): Promise<Profile> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'chatbot-profile-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROME_PATH,
    headless: true,
    args: CHROME_ARGS,
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const profile: Profile = {
    dir,
    context,
    close: () => context.close(),
    reopen: async () => {
      await context.close().catch(() => undefined);
      return launchProfile({ ...options, dir });
    },
    dispose: async () => {
      await context.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return profile;
}

/** Collects page errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Opens the page and waits until CHATBOT_SYSTEM.ready has resolved. */
export async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { CHATBOT_SYSTEM?: { ready?: Promise<unknown> } }).CHATBOT_SYSTEM?.ready !== undefined);
  await page.evaluate(() => (window as unknown as { CHATBOT_SYSTEM: { ready: Promise<unknown> } }).CHATBOT_SYSTEM.ready);
}

/** Waits until a service worker controls the page (ready resolves while it is still activating). */
export async function waitForController(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}
