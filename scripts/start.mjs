// npm start: the desktop app. Where no Electron binary can be had it says so in one line.
import { spawn, spawnSync } from 'node:child_process';

const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8' });
if (probe.status !== 0 || !probe.stdout) {
  console.error(
    'No Electron binary is installed on this machine, so the desktop window cannot open; run `npm run serve` to use Wren in your browser instead.',
  );
  process.exit(1);
}
const step = (args) => {
  const result = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
step(['run', 'native:electron']);
step(['run', 'build']);
const app = spawn(probe.stdout, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
app.on('exit', (code) => process.exit(code ?? 0));
