// The tests need Debian packages (browsers and servers cannot be downloaded here): Chromium for the
// browser tests, Prosody + prosody-modules for the live chat. Install them when we can (root with
// apt), or stop with a message that names the fix.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function aptInstall(packages) {
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.log(`Installing Debian packages: ${packages.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
}

export function ensureChromium() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path) || (aptInstall(['chromium']) && existsSync(path))) return path;
  throw new Error(
    `Chromium not found at ${path}. Install it with \`sudo apt-get install -y chromium\` (Debian/Ubuntu), ` +
      'or point CHROME_PATH at a Chromium/Chrome binary.',
  );
}

const PROSODY_FILES = ['/usr/bin/prosody', '/usr/bin/prosodyctl', '/usr/lib/prosody/modules/mod_firewall/mod_firewall.lua'];

/** The live-chat tests run a real Prosody (Debian's prosody and prosody-modules). */
export function ensureProsody() {
  if (process.env.PROSODY_PATH) return process.env.PROSODY_PATH;
  const present = () => PROSODY_FILES.every((file) => existsSync(file));
  if (present() || (aptInstall(['prosody', 'prosody-modules']) && present())) return '/usr/bin/prosody';
  throw new Error('Prosody not found. Install it with `sudo apt-get install -y prosody prosody-modules` (Debian/Ubuntu), or set PROSODY_PATH/PROSODYCTL_PATH.');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`chromium: ${ensureChromium()}`);
  console.log(`prosody: ${ensureProsody()}`);
}
