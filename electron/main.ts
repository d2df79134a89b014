/**
 * The desktop shell: windows, lifecycle and the wiring of security.ts / ipc.ts / protocol.ts.
 * No business logic lives here; every user action goes through src/app's dispatch, exactly as
 * in web mode, so the desktop cannot drift from what the tests exercise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { openApp } from '../src/app';
import { CALL_CHANNEL, createCallHandler } from './ipc';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import {
  APP_SCHEME,
  appPageUrl,
  denyAllPermissions,
  hardenWebContents,
  installCsp,
  isAppPageUrl,
  secureWebPreferences,
} from './security';

type OpenedApp = Awaited<ReturnType<typeof openApp>>;

// Privileged schemes must be declared before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// Belt and braces: even a window someone adds later without sandbox: true gets one.
app.enableSandbox();

// Two instances would be two writers on one SQLite file and two desks handing out the same
// roster turn; a second launch just brings the existing window forward.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

let backend: OpenedApp | null = null;
const windows = new Set<BrowserWindow>();

/** Paths differ between `electron .` (project folder) and a packaged app (app.asar + resources). */
function appPaths() {
  const root = app.getAppPath();
  const nativeBinding = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(root, '.native', 'electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return {
    rendererDir: path.join(root, 'dist', 'renderer'),
    preload: path.join(root, 'dist-electron', 'preload.cjs'),
    dbPath: path.join(app.getPath('userData'), 'salesdesk.sqlite'),
    // Without it better-sqlite3 falls back to node_modules, the Node-ABI build, and fails to load.
    nativeBinding: fs.existsSync(nativeBinding) ? nativeBinding : undefined,
  };
}

/** One place that makes windows, so the lobby display board later is one call with its route. */
export function createWindow(route: string, options: { title?: string } = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    title: options.title ?? 'Salesdesk 售楼接待台',
    show: false, // shown on ready-to-show, so staff never see a blank white frame
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(appPaths().preload),
  });
  windows.add(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => windows.delete(win));
  void win.loadURL(appPageUrl(route));
  return win;
}

function explainOpenFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|bindings file|better_sqlite3\.node/.test(message)) {
    return `数据库组件不是为桌面版编译的，请在项目目录运行 npm run rebuild:electron 后重试。\n\n${message}`;
  }
  return message;
}

async function start(): Promise<void> {
  const paths = appPaths();
  installCsp(session.defaultSession);
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));

  try {
    // better-sqlite3 creates the file but not its folder.
    fs.mkdirSync(path.dirname(paths.dbPath), { recursive: true });
    backend = await openApp({ dbPath: paths.dbPath, nativeBinding: paths.nativeBinding });
  } catch (error) {
    dialog.showErrorBox('无法打开数据库 / Cannot open the database', explainOpenFailure(error));
    app.exit(1);
    return;
  }

  ipcMain.handle(CALL_CHANNEL, createCallHandler({ backend, isTrustedUrl: isAppPageUrl }));
  createWindow('/');
}

// Every webContents is hardened, including ones added later (the lobby board window, any popup).
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url) });
});

app.on('second-instance', () => {
  const [first] = windows;
  if (!first) return;
  if (first.isMinimized()) first.restore();
  first.focus();
});

// A desk app has nothing to do without a window, on macOS too; quitting closes the database cleanly.
app.on('window-all-closed', () => app.quit());

// close() is async (Kysely): hold the quit until the database is closed and the WAL checkpointed.
app.on('will-quit', (event) => {
  const closing = backend;
  if (!closing) return;
  backend = null;
  event.preventDefault();
  void Promise.resolve()
    .then(() => closing.close())
    .catch((error: unknown) => console.error('closing the database failed', error))
    .finally(() => app.quit());
});

if (primary) {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Salesdesk 启动失败 / Salesdesk failed to start', String(error));
      app.exit(1);
    });
}
