// Browser tests need Debian's Chromium (browsers cannot be downloaded here). Install it when we
// can (root with apt), or stop with a message that names the fix.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function ensureChromium() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s chromium package…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const result = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status === 0 && existsSync(path)) return path;
  }
  throw new Error(
    `Chromium not found at ${path}. Install it with \`sudo apt-get install -y chromium\` (Debian/Ubuntu), ` +
      'or point CHROME_PATH at a Chromium/Chrome binary.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`chromium: ${ensureChromium()}`);
}
