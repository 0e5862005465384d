// Makes sure better-sqlite3 is built for the runtime about to load it: Node (tests, headless host)
// or Electron (npm start). The two need different native ABIs, so switching rebuilds it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const target = process.argv[2] === 'electron' ? 'electron' : 'node';
const require = createRequire(import.meta.url);
const marker = new URL('../node_modules/.wren-native-target', import.meta.url);
const built = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : null;

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (target === 'node') {
  // Loading it in a child process: a wrong ABI can crash the loader, not just throw.
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    stdio: 'ignore',
  });
  if (probe.status === 0 && built !== 'electron') process.exit(0);
  console.log('Building better-sqlite3 for Node (about two minutes the first time)…');
  run('npm', ['rebuild', 'better-sqlite3', '--foreground-scripts']);
} else {
  if (built === 'electron') process.exit(0);
  console.log('Building better-sqlite3 for Electron…');
  const electronVersion = require('electron/package.json').version;
  run('npx', ['electron-rebuild', '--force', '--only', 'better-sqlite3', '--version', electronVersion]);
}
writeFileSync(marker, target);
