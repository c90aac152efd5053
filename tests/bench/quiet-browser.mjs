// Headless Chromium builds a whole browser window for every new page, with its own top-chrome WebUI
// renderer (the omnibox popup, chrome://omnibox-popup.top-chrome): about 1.4 s of CPU over the
// next second, on a machine with two cores. A figure taken right after `newPage()` measures that
// as much as the page. A customer opens the store in a browser that is already up, so the suites
// open their page, then wait for the browser to go quiet before they navigate.
import { readdir, readFile } from 'node:fs/promises';

const WINDOW_MS = 100;
// Under 10 % of one core over the window (the kernel counts in 10 ms ticks): its own work is over.
const QUIET_CPU_MS = 10;
const TICK_MS = 10;

// Debian's /usr/bin/chromium is a wrapper script: its processes run /usr/lib/chromium/chromium.
const CHROMIUM = /^(chromium|chrome|chrome-headless-shell|headless_shell)$/;

/** CPU time (ms) used so far by every Chromium process of the machine. */
async function chromiumCpu() {
  let total = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const command = await readFile(`/proc/${pid}/cmdline`, 'latin1');
      // Chromium rewrites its children's command lines with spaces instead of NULs.
      if (!CHROMIUM.test(command.split(/[\0 ]/)[0].split('/').pop())) continue;
      const fields = (await readFile(`/proc/${pid}/stat`, 'latin1')).split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/**
 * Resolves once Chromium's processes together used less than 10 ms of CPU in 100 ms, or after
 * `timeoutMs` (then with `false`). Linux: it reads /proc.
 * @example const page = await context.newPage(); await chromiumQuiet(); await page.goto(url);
 */
export async function chromiumQuiet(timeoutMs = 5_000) {
  const deadline = performance.now() + timeoutMs;
  let last = await chromiumCpu();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const now = await chromiumCpu();
    if (now - last < QUIET_CPU_MS) return true;
    last = now;
  }
  return false;
}

/** A new page of `context`, once the browser has finished building its window. */
export async function quietPage(context) {
  const page = await context.newPage();
  await chromiumQuiet();
  return page;
}
