/**
 * The desktop shell: windows, lifecycle and the wiring of security.ts / ipc.ts / protocol.ts.
 * No business logic and no database here: the core (src/core, the same entry web mode starts) runs in
 * a utilityProcess (electron/core-process.ts), and every user action is relayed to its dispatch, so a
 * slow call never freezes a window and the desktop cannot drift from what the tests exercise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, utilityProcess } from 'electron';
import type { ChangeEvent } from '../src/api/changes';
import { CORE_LOST_MESSAGE, connectCore, type CoreClient } from '../src/core/protocol';
import { CALL_CHANNEL, CHANGE_CHANNEL, createCallHandler } from './ipc';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { APP_SCHEME, appPageUrl, denyAllPermissions, hardenWebContents, installCsp, isAppPageUrl, secureWebPreferences } from './security';

// Privileged schemes must be declared before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// Belt and braces: even a window someone adds later without sandbox: true gets one.
app.enableSandbox();

// SALESDESK_DATA_DIR (as in web mode and the CLI) puts the office's file and the app's own state in that
// folder: `npm run demo` opens the demo office this way, beside — never instead of — the real one, and the
// single-instance lock below is per folder, so the two can be open at once.
if (process.env.SALESDESK_DATA_DIR) app.setPath('userData', path.resolve(process.env.SALESDESK_DATA_DIR));

// Two instances would be two writers on one SQLite file and two desks handing out the same
// roster turn; a second launch just brings the existing window forward.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

/** The relay to the core process; null before it opened the office and once the quit has begun. */
let backend: CoreClient | null = null;
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
    coreModule: path.join(root, 'dist-electron', 'core.cjs'),
    dbPath: path.join(app.getPath('userData'), 'salesdesk.sqlite'),
    // Without it better-sqlite3 falls back to node_modules, the Node-ABI build, and fails to load.
    nativeBinding: fs.existsSync(nativeBinding) ? nativeBinding : undefined,
  };
}

/** The lobby display board: the route the renderer shows full screen without header or sign-in. */
export const LOBBY_ROUTE = '/lobby';
const LOBBY_TITLE = 'Salesdesk 大堂显示屏';

/** One place that makes windows, so the lobby display board is the same call with its route. */
export function createWindow(route: string, options: { title?: string } = {}): BrowserWindow {
  const lobby = route.replace(/^#?\/?/, '') === LOBBY_ROUTE.slice(1);
  const win = new BrowserWindow({
    // The lobby board is laid out for a 1920×1080 TV; as a window it opens at that shape, scaled down.
    width: 1280,
    height: lobby ? 720 : 800,
    minWidth: lobby ? 640 : 1024,
    minHeight: lobby ? 360 : 680,
    title: options.title ?? 'Salesdesk 售楼接待台',
    show: false, // shown on ready-to-show, so staff never see a blank white frame
    autoHideMenuBar: true,
    ...(lobby ? { backgroundColor: '#0b1530' } : {}),
    webPreferences: secureWebPreferences(appPaths().preload),
  });
  windows.add(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => windows.delete(win));
  // Keys the main process owns (no IPC involved): F11 in a desk window opens the lobby board; in the
  // lobby window F11 toggles full screen (drag it to the TV first) and Esc leaves full screen.
  win.webContents.on('before-input-event', (event, input) => {
    if (input.type !== 'keyDown' || input.control || input.alt || input.meta || input.shift) return;
    if (input.key === 'F11') {
      event.preventDefault();
      if (lobby) win.setFullScreen(!win.isFullScreen());
      else openLobbyWindow();
    } else if (lobby && input.key === 'Escape' && win.isFullScreen()) {
      event.preventDefault();
      win.setFullScreen(false);
    }
  });
  void win.loadURL(appPageUrl(route));
  return win;
}

let lobbyWindow: BrowserWindow | null = null;

/** The lobby display board in its own window: one at a time; asking again brings it forward. */
export function openLobbyWindow(): BrowserWindow {
  if (lobbyWindow) {
    if (lobbyWindow.isMinimized()) lobbyWindow.restore();
    lobbyWindow.focus();
    return lobbyWindow;
  }
  const win = createWindow(LOBBY_ROUTE, { title: LOBBY_TITLE });
  lobbyWindow = win;
  win.on('closed', () => {
    if (lobbyWindow === win) lobbyWindow = null;
  });
  return win;
}

function explainOpenFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|bindings file|better_sqlite3\.node/.test(message)) {
    return `数据库组件不是为桌面版编译的，请在项目目录运行 npm run rebuild:electron 后重试。\n\n${message}`;
  }
  return message;
}

/** Every window re-reads what it shows from the areas another terminal (or window) just changed. */
function broadcast(event: ChangeEvent): void {
  for (const win of windows) win.webContents.send(CHANGE_CHANNEL, event);
}

async function start(): Promise<void> {
  const paths = appPaths();
  installCsp(session.defaultSession);
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));

  const child = utilityProcess.fork(paths.coreModule, [], { serviceName: 'Salesdesk core' });
  const core = connectCore({ post: (m) => child.postMessage(m), onMessage: (listener) => child.on('message', listener) });
  let ready = false;
  child.on('exit', (code: number) => {
    const expected = quitting;
    core.lost();
    // Windows get CORE_LOST_MESSAGE as the answer to every call from now on; say it once plainly too.
    if (ready && !expected) dialog.showErrorBox('Salesdesk 数据库进程已退出', `${CORE_LOST_MESSAGE}\n\n（退出代码 ${code}）`);
  });
  core.onChange(broadcast);

  try {
    // better-sqlite3 creates the file but not its folder.
    fs.mkdirSync(path.dirname(paths.dbPath), { recursive: true });
    await core.open({ dbPath: paths.dbPath, ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}) });
  } catch (error) {
    dialog.showErrorBox('无法打开数据库 / Cannot open the database', explainOpenFailure(error));
    child.kill();
    app.exit(1);
    return;
  }
  ready = true;
  backend = core;
  ipcMain.handle(CALL_CHANNEL, createCallHandler({ backend: core, isTrustedUrl: isAppPageUrl }));
  killCore = () => child.kill();
  createWindow('/');
}

let quitting = false;
let killCore: () => void = () => {};

// Every webContents is hardened, including ones added later (the lobby board window, any popup).
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url) });
});

app.on('second-instance', () => {
  // Bring the desk forward, not the lobby board; with only the board left open, give the desk back.
  const [first] = [...windows].filter((w) => w !== lobbyWindow);
  if (!first) {
    if (backend) createWindow('/');
    return;
  }
  if (first.isMinimized()) first.restore();
  first.focus();
});

// A desk app has nothing to do without a window, on macOS too; quitting closes the database cleanly.
app.on('window-all-closed', () => app.quit());

// The core makes the quit backup (R-SEC-2) and closes the file; hold the quit until it says it has.
app.on('will-quit', (event) => {
  const closing = backend;
  if (!closing) return;
  backend = null;
  quitting = true;
  event.preventDefault();
  void closing
    .quit()
    .catch((error: unknown) => console.error('closing the database failed', error))
    .finally(() => {
      killCore();
      app.quit();
    });
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
