import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, nativeImage, session, shell, Tray } from 'electron';
import { version } from '../package.json';
import { acquireDataLock, type DataLock } from './data-lock';
import { defaultDataDir } from './data-dir';
import { createEngine, type Engine } from './engine';
import { createFileLogger } from './engine/log/logger';
import { bindContract } from './ipc';
import { isExternalLink } from './external-links';

/**
 * The Electron shell: one window, a tray, the single-instance lock, and the contract bound to IPC.
 * Everything else is the engine, which runs the same under the headless host.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const devUrl = process.env.ELECTRON_RENDERER_URL;
const dataDirArg = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);

const isTrustedUrl = (url: string): boolean =>
  devUrl ? url.startsWith(devUrl) : url.startsWith('file://') && url.includes('/out/renderer/');

let engine: Engine | null = null;
let dataLock: DataLock | null = null;
let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;

const createWindow = (): BrowserWindow => {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Wren',
    show: false,
    backgroundColor: '#f0f2f5',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Links open in the user's browser; the window itself never navigates away or opens others.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  win.on('close', (event) => {
    // Closing the window keeps the bots running in the tray; Quit ends them.
    if (!quitting && tray) {
      event.preventDefault();
      win.hide();
    }
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
};

const createTray = () => {
  const icon = nativeImage.createFromPath(join(here, '../../resources/icon.png'));
  tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon.resize({ width: 16, height: 16 }));
  tray.setToolTip('Wren');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Wren', click: () => window?.show() },
      { type: 'separator' },
      { label: 'Quit', click: () => app.quit() },
    ]),
  );
  tray.on('click', () => window?.show());
};

const start = async () => {
  const dataDir = dataDirArg ?? (app.isPackaged ? app.getPath('userData') : defaultDataDir());
  // A headless host may own the folder (single-instance only sees other desktop apps): say so, stop.
  const locked = acquireDataLock(dataDir, 'desktop');
  if (!locked.ok) {
    const title = locked.error.code === 'data_dir_in_use' ? 'Wren is already running' : 'Wren cannot start';
    dialog.showErrorBox(title, locked.error.message);
    app.exit(1);
    return;
  }
  dataLock = locked.lock;
  const logger = await createFileLogger(dataDir);
  engine = createEngine({
    dataDir,
    mode: 'electron',
    version,
    logger,
    demoActivity: true,
    // The local protocol server is test infrastructure: a packaged app never honours it.
    baileys: app.isPackaged
      ? {}
      : {
          waWebSocketUrl: process.env.WREN_WA_URL || undefined,
          rootPublicKeyHex: process.env.WREN_WA_ROOT_KEY || undefined,
        },
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permission === 'notifications'),
  );
  window = createWindow();
  bindContract(engine, window, isTrustedUrl);
  createTray();
  await engine.start();
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    window?.show();
    window?.focus();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (!engine) return;
    event.preventDefault();
    const closing = engine;
    engine = null;
    void closing.close().finally(() => {
      dataLock?.release();
      app.exit(0);
    });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void app.whenReady().then(start);
}
