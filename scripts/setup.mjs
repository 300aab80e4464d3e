#!/usr/bin/env node
// First-run set-up for `npm start` (`setup.mjs app`) and `npm test` (`setup.mjs test`).
// Plain Node.js with no dependencies: it runs before node_modules exists.
//   app:  installs npm packages if missing or stale.
//   test: also installs Debian's chromium, qemu-system-x86, qemu-system-common and qemu-utils
//         with apt-get when a binary is missing (as root; otherwise it says what to install).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mode = process.argv[2] ?? 'app';

/** Binaries the test suite runs, and the Debian package that provides each. */
const SYSTEM_TOOLS = [
  { binary: '/usr/bin/chromium', pkg: 'chromium' },
  { binary: 'qemu-system-x86_64', pkg: 'qemu-system-x86' },
  { binary: 'qemu-storage-daemon', pkg: 'qemu-system-common' },
  { binary: 'qemu-img', pkg: 'qemu-utils' },
];

function say(text) {
  console.log(`[setup] ${text}`);
}

function run(command, args, env = {}) {
  say(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`[setup] failed: ${command} ${args.join(' ')} (exit ${String(result.status ?? result.signal)})`);
    process.exit(1);
  }
}

function npmPackagesReady() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return false;
  return statSync(installed).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

function onPath(binary) {
  if (binary.startsWith('/')) return existsSync(binary);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, binary)));
}

function ensureSystemTools() {
  const missing = SYSTEM_TOOLS.filter((tool) => !onPath(tool.binary));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => tool.pkg))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    console.error(
      `[setup] The tests need ${missing.map((t) => t.binary).join(', ')}.\n` +
        `[setup] Install Debian's packages, then run npm test again:\n` +
        `    sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], env);
  run('apt-get', ['install', '-y', ...packages], env);
}

if (!npmPackagesReady()) {
  say('installing npm packages');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (mode === 'test') ensureSystemTools();
say('ready');
