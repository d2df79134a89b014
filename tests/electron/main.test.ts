// @vitest-environment node
/**
 * Boots electron/main.ts against the fake electron module and a fake src/app, then checks
 * what it actually wired: the window's webPreferences, CSP, permissions, hardening of every
 * webContents, the IPC handler, the database location, and the core process: the fake
 * utilityProcess runs the real electron/core-process.ts (src/core, src/core/protocol) in this
 * process over a MessageChannel, so the relay, the messages and the quit sequence are the real ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiBackend } from '../../electron/ipc';
import { FakeBrowserWindow, FakeUtilityProcess, FakeWebContents, createFakeElectron, fakeEvent, type FakeElectron } from './fake-electron';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-main-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  delete (process as { resourcesPath?: string }).resourcesPath;
});

function fakeApp() {
  return {
    methodNames: vi.fn(() => ['auth.signIn', 'desk.lookup', 'desk.walkIn', 'roster.today']),
    readOnlyReason: vi.fn(() => null),
    dispatch: vi.fn<ApiBackend['dispatch']>(async (session, method) => ({
      result: { ok: true, value: { method, actingAs: session?.staffId ?? null } },
      ...(method === 'auth.signIn' ? { session: { staffId: 'staff-9' } } : {}),
    })),
    close: vi.fn(async () => {}),
    backupNow: vi.fn(async () => ({ file: 'salesdesk-x.sqlite' })),
  };
}

/**
 * Fresh module registry and fresh fakes per test, so main.ts's top level runs again.
 * The real src/app opens SQLite; main.ts only needs something with its shape.
 */
async function boot(options: { openApp?: () => Promise<unknown>; configure?: (fake: FakeElectron) => void; started?: boolean } = {}) {
  vi.resetModules();
  FakeBrowserWindow.instances = [];
  FakeUtilityProcess.instances = [];
  const fake = createFakeElectron();
  fake.app.appPath = path.join(tmp, 'app');
  fake.app.userData = path.join(tmp, 'userData');
  options.configure?.(fake);
  const app = fakeApp();
  const openApp = vi.fn(options.openApp ?? (async () => app));
  vi.doMock('electron', () => fake);
  const startBackupSchedule = vi.fn(() => () => {});
  vi.doMock('../../src/app', () => ({ openApp, startBackupSchedule }));
  await import('../../electron/main');
  if (options.started !== false) {
    // start() runs after whenReady(); let its awaits settle.
    await vi.waitFor(
      () => {
        if (fake.dialog.showErrorBox.mock.calls.length === 0 && FakeBrowserWindow.instances.length === 0) throw new Error('not started');
      },
      { timeout: 20_000 },
    ); // the first boot loads the core process's modules (src/core, src/app): a wait for state, not a speed limit
  }
  return { fake, windows: FakeBrowserWindow.instances, app, openApp, startBackupSchedule, cores: FakeUtilityProcess.instances };
}

/** Waits for a state the faked Electron reaches through the main process's awaits: a bound for a hang, not a speed limit (vi.waitFor's own default gives up after 1 s). */
const settles = (check: () => unknown) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

const APP_EVENT = { senderFrame: { url: 'app://salesdesk/index.html', parent: null } };

describe('electron/main', () => {
  it('opens one window with isolated, sandboxed, node-free webPreferences and our preload', async () => {
    const { windows } = await boot();
    expect(windows).toHaveLength(1);
    const prefs = windows[0]!.options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.preload).toBe(path.join(tmp, 'app', 'dist-electron', 'preload.cjs'));
    expect(windows[0]!.loadURL).toHaveBeenCalledWith('app://salesdesk/index.html');
  });

  describe('the lobby display board window', () => {
    const key = (k: string, mods: Record<string, boolean> = {}) => ({ type: 'keyDown', key: k, ...mods });
    /** The fake window has no full-screen state; the lobby's keys need one. */
    const withFullScreen = (win: FakeBrowserWindow) => {
      let full = false;
      const w = win as FakeBrowserWindow & { setFullScreen: ReturnType<typeof vi.fn>; isFullScreen(): boolean };
      w.setFullScreen = vi.fn((on: boolean) => (full = on));
      w.isFullScreen = () => full;
      return w;
    };

    it('F11 in the desk window opens a second window with the same hardened webPreferences, loading index.html#/lobby', async () => {
      const { windows } = await boot();
      const desk = windows[0]!;
      const f11 = fakeEvent();
      desk.webContents.emit('before-input-event', f11, key('F11'));
      expect(f11.defaultPrevented).toBe(true); // the desk page never sees it
      expect(windows).toHaveLength(2);
      const lobby = windows[1]!;
      expect(lobby.loadURL).toHaveBeenCalledWith('app://salesdesk/index.html#/lobby');
      expect(lobby.options.webPreferences).toEqual(desk.options.webPreferences);
      expect(lobby.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      });
      expect(lobby.options.webPreferences.preload).toBe(path.join(tmp, 'app', 'dist-electron', 'preload.cjs'));
      expect(lobby.options.title).toContain('大堂显示屏');
      expect(lobby.options.show).toBe(false);
      lobby.emit('ready-to-show');
      expect(lobby.show).toHaveBeenCalled();
    });

    it('is one window: F11 again brings it forward; once closed, F11 opens a new one', async () => {
      const { windows } = await boot();
      const desk = windows[0]!;
      desk.webContents.emit('before-input-event', fakeEvent(), key('F11'));
      desk.webContents.emit('before-input-event', fakeEvent(), key('F11'));
      expect(windows).toHaveLength(2);
      expect(windows[1]!.focus).toHaveBeenCalledTimes(1);

      windows[1]!.emit('closed');
      desk.webContents.emit('before-input-event', fakeEvent(), key('F11'));
      expect(windows).toHaveLength(3);
      expect(windows[2]!.loadURL).toHaveBeenCalledWith('app://salesdesk/index.html#/lobby');
    });

    it('other keys and modified F11 are left to the page; key-up is ignored', async () => {
      const { windows } = await boot();
      for (const input of [key('F2'), key('F11', { control: true }), key('F11', { alt: true }), { type: 'keyUp', key: 'F11' }]) {
        const e = fakeEvent();
        windows[0]!.webContents.emit('before-input-event', e, input);
        expect(e.defaultPrevented).toBe(false);
      }
      expect(windows).toHaveLength(1);
    });

    it('in the lobby window F11 toggles full screen and Esc leaves it, without opening more windows', async () => {
      const { windows } = await boot();
      windows[0]!.webContents.emit('before-input-event', fakeEvent(), key('F11'));
      const lobby = withFullScreen(windows[1]!);
      lobby.webContents.emit('before-input-event', fakeEvent(), key('F11'));
      expect(lobby.setFullScreen).toHaveBeenLastCalledWith(true);
      const esc = fakeEvent();
      lobby.webContents.emit('before-input-event', esc, key('Escape'));
      expect(esc.defaultPrevented).toBe(true);
      expect(lobby.setFullScreen).toHaveBeenLastCalledWith(false);
      const escAgain = fakeEvent();
      lobby.webContents.emit('before-input-event', escAgain, key('Escape'));
      expect(escAgain.defaultPrevented).toBe(false); // not full screen: Esc belongs to the page
      expect(windows).toHaveLength(2);
    });

    it('a second launch brings the desk forward, not the board, and reopens the desk if only the board is left', async () => {
      const { fake, windows } = await boot();
      const desk = windows[0]!;
      desk.webContents.emit('before-input-event', fakeEvent(), key('F11'));
      fake.app.emit('second-instance');
      expect(desk.focus).toHaveBeenCalledTimes(1);
      expect(windows[1]!.focus).not.toHaveBeenCalled();

      desk.emit('closed');
      fake.app.emit('second-instance');
      expect(windows).toHaveLength(3);
      expect(windows[2]!.loadURL).toHaveBeenCalledWith('app://salesdesk/index.html');
    });
  });

  it('serves the renderer from a privileged app:// scheme with sandboxing forced on', async () => {
    const { fake } = await boot();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('puts the CSP on responses and denies permissions in the default session', async () => {
    const { fake } = await boot();
    const listener = fake.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0] as (
      d: unknown,
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    let csp: string[] | undefined;
    listener({ responseHeaders: {} }, (r) => (csp = r.responseHeaders['Content-Security-Policy']));
    expect(csp?.[0]).toMatch(/script-src 'self'(;|$)/);
    expect(csp?.[0]).not.toMatch(/https?:|\*/);

    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (ok: boolean) => void,
    ) => void;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('hardens every webContents created, including later windows', async () => {
    const { fake } = await boot();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);

    const away = fakeEvent('https://evil.example/');
    contents.emit('will-navigate', away, away.url);
    expect(away.defaultPrevented).toBe(true);

    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);

    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it('opens the office in SALESDESK_DATA_DIR when it is set (npm run demo), taking the single-instance lock there', async () => {
    const demoDir = path.join(tmp, 'demo-office');
    vi.stubEnv('SALESDESK_DATA_DIR', demoDir);
    try {
      const { fake, cores } = await boot();
      expect(fake.app.setPath).toHaveBeenCalledWith('userData', demoDir);
      const setAt = fake.app.setPath.mock.invocationCallOrder[0]!;
      expect(setAt).toBeLessThan(fake.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
      await settles(() => expect(cores[0]?.toChild[0]).toEqual({ type: 'open', dbPath: path.join(demoDir, 'salesdesk.sqlite') }));
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('runs the core in a utilityProcess that opens the database in userData; one IPC handler relays calls with the session', async () => {
    const { fake, app, openApp, startBackupSchedule, cores } = await boot();
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(cores[0]!.modulePath).toBe(path.join(tmp, 'app', 'dist-electron', 'core.cjs'));
    // the database is opened by the core process, through the protocol, with the backup schedule there too
    expect(cores[0]!.toChild[0]).toEqual({ type: 'open', dbPath: path.join(tmp, 'userData', 'salesdesk.sqlite') });
    expect(openApp).toHaveBeenCalledWith({ dbPath: path.join(tmp, 'userData', 'salesdesk.sqlite') });
    expect(startBackupSchedule).toHaveBeenCalledWith(app, expect.any(Function));
    expect(fs.existsSync(path.join(tmp, 'userData'))).toBe(true);

    expect([...fake.ipcMain.handlers.keys()]).toEqual(['salesdesk:call']);
    const handler = fake.ipcMain.handlers.get('salesdesk:call')!;
    const sender = { id: 1, once: vi.fn() };
    const event = { sender, ...APP_EVENT };
    await handler(event, 'auth.signIn', { pin: '1234' });
    const answer = await handler(event, 'desk.lookup', { phone: '13800138000' });
    expect(app.dispatch).toHaveBeenLastCalledWith({ staffId: 'staff-9' }, 'desk.lookup', { phone: '13800138000' });
    expect(answer).toEqual({ ok: true, value: { method: 'desk.lookup', actingAs: 'staff-9' } });
    expect(cores[0]!.toChild).toContainEqual({
      type: 'call',
      id: 2,
      session: { staffId: 'staff-9' },
      method: 'desk.lookup',
      input: { phone: '13800138000' },
      background: false,
    });

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const refused = await handler({ sender, senderFrame: { url: 'https://evil.example/', parent: null } }, 'desk.lookup', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
    logged.mockRestore();
    expect(await handler(event, 'nope', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("a background call reaches the core marked background; the window's session stays in main", async () => {
    const { fake, app, cores } = await boot();
    const handler = fake.ipcMain.handlers.get('salesdesk:call')!;
    const event = { sender: { id: 3, once: vi.fn() }, ...APP_EVENT };
    await handler(event, 'auth.signIn', {});
    await handler(event, 'roster.today', {}, true);
    expect(cores[0]!.toChild.at(-1)).toEqual({
      type: 'call',
      id: 2,
      session: { staffId: 'staff-9' },
      method: 'roster.today',
      input: {},
      background: true,
    });
    expect(app.dispatch).toHaveBeenLastCalledWith({ staffId: 'staff-9' }, 'roster.today', {});
  });

  it("sends each change the core announces to every window on 'salesdesk:change'", async () => {
    const { fake, windows } = await boot();
    windows[0]!.webContents.emit('before-input-event', fakeEvent(), { type: 'keyDown', key: 'F11' }); // the lobby board too
    const handler = fake.ipcMain.handlers.get('salesdesk:call')!;
    const event = { sender: { id: 4, once: vi.fn() }, ...APP_EVENT };
    await handler(event, 'auth.signIn', {});
    await handler(event, 'desk.walkIn', { customer: {} });
    await handler(event, 'roster.today', {}); // a read: no event
    const walkIn = { seq: 1, areas: ['roster', 'registrations', 'customers', 'referrals', 'audit'] };
    for (const win of windows) {
      await settles(() => expect(win.webContents.send).toHaveBeenCalledWith('salesdesk:change', walkIn));
    }
    await handler(event, 'desk.walkIn', { customer: {} });
    await settles(() => expect(windows[1]!.webContents.send).toHaveBeenCalledTimes(2));
    expect(windows[0]!.webContents.send.mock.calls.map(([, e]) => (e as { seq: number }).seq)).toEqual([1, 2]);
  });

  it('if the core process dies, waiting and later calls get a Chinese error at once and a dialog says so', async () => {
    const { fake, app, cores } = await boot();
    app.dispatch.mockImplementationOnce(() => new Promise(() => {})); // the core is stuck in this call
    const handler = fake.ipcMain.handlers.get('salesdesk:call')!;
    const event = { sender: { id: 5, once: vi.fn() }, ...APP_EVENT };
    const waiting = handler(event, 'desk.lookup', {});
    await settles(() => expect(app.dispatch).toHaveBeenCalled());
    cores[0]!.exit(1);
    const lost = {
      ok: false,
      error: { code: 'invalid_state', reason: 'core_lost', message: expect.stringContaining('数据库进程已意外退出') },
    };
    await expect(waiting).resolves.toEqual(lost);
    await expect(handler(event, 'desk.lookup', {})).resolves.toEqual(lost);
    expect(app.dispatch).toHaveBeenCalledTimes(1);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(expect.stringContaining('数据库进程'), expect.stringContaining('重新启动'));
  });

  it('in a packaged app loads the Electron build of better-sqlite3 from resources', async () => {
    const resources = path.join(tmp, 'resources');
    fs.mkdirSync(path.join(resources, 'native'), { recursive: true });
    fs.writeFileSync(path.join(resources, 'native', 'better_sqlite3.node'), '');
    (process as { resourcesPath?: string }).resourcesPath = resources;
    const { openApp } = await boot({
      configure: (fake) => {
        fake.app.isPackaged = true;
      },
    });
    // loaded where the database is: in the core process, told by the open message
    expect(openApp).toHaveBeenCalledWith(expect.objectContaining({ nativeBinding: path.join(resources, 'native', 'better_sqlite3.node') }));
  });

  it('in development uses .native/electron when scripts/native.mjs has built it', async () => {
    const binding = path.join(
      tmp,
      'app',
      '.native',
      'electron',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.writeFileSync(binding, '');
    const { openApp } = await boot();
    expect(openApp).toHaveBeenCalledWith(expect.objectContaining({ nativeBinding: binding }));
  });

  it('explains a database that cannot be opened and exits without a window or IPC', async () => {
    const { fake, windows } = await boot({
      openApp: async () => {
        throw new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.');
      },
    });
    expect(windows).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('npm run rebuild:electron'));
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('on quit the core backs up, then closes the database; main waits for it, then ends the core process and quits', async () => {
    const { fake, app, cores } = await boot();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(cores[0]!.toChild.at(-1)).toEqual({ type: 'quit' });
    expect(fake.app.quit).not.toHaveBeenCalled(); // not before the core said it closed
    await settles(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(cores[0]!.fromChild.at(-1)).toEqual({ type: 'closed' });
    expect(app.backupNow).toHaveBeenCalledWith('quit');
    expect(app.close).toHaveBeenCalledTimes(1);
    expect(app.backupNow.mock.invocationCallOrder[0]).toBeLessThan(app.close.mock.invocationCallOrder[0]!);
    expect(cores[0]!.kill).toHaveBeenCalled();
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled(); // an expected exit is no error

    const again = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', again); // the second pass lets the quit through
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('a quit backup that fails still closes the database and quits', async () => {
    const { fake, app } = await boot();
    app.backupNow.mockRejectedValueOnce(new Error('disk full'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.app.emit('will-quit', { preventDefault: vi.fn() });
    await settles(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(app.close).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('disk full'));
    logged.mockRestore();
  });

  it('a core process that dies during the quit does not hold the quit', async () => {
    const { fake, app, cores } = await boot();
    app.close.mockImplementationOnce(() => new Promise(() => {})); // never closes
    fake.app.emit('will-quit', { preventDefault: vi.fn() });
    await settles(() => expect(app.close).toHaveBeenCalled());
    cores[0]!.exit(1);
    await settles(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('a second instance quits at once and creates nothing', async () => {
    const { fake, windows, openApp } = await boot({
      started: false,
      configure: (f) => f.app.requestSingleInstanceLock.mockReturnValue(false),
    });
    // waits for the quit itself, not a guessed 20 ms; then one turn of the event loop for anything it scheduled
    await settles(() => expect(fake.app.quit).toHaveBeenCalled());
    await new Promise((r) => setImmediate(r));
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(openApp).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });
});
