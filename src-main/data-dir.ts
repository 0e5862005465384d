import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Wren keeps its one SQLite file, its logs and (later) media: the OS's app-data folder,
 * the same one Electron's `app.getPath('userData')` gives for the product name "Wren", so the
 * desktop app and the headless host share data.
 */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env, platform = process.platform): string => {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Wren');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Wren');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Wren');
};
