// @vitest-environment node
/**
 * Boots electron/main.ts against the fake electron module and a fake src/app, then checks
 * what it actually wired: the window's webPreferences, CSP, permissions, hardening of every
 * webContents, the IPC handler and the database location.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiBackend } from '../../electron/ipc';
import { FakeBrowserWindow, FakeWebContents, createFakeElectron, fakeEvent, type FakeElectron } from './fake-electron';

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
    methodNames: vi.fn(() => ['auth.signIn', 'desk.lookup']),
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
    await vi.waitFor(() => {
      if (fake.dialog.showErrorBox.mock.calls.length === 0 && FakeBrowserWindow.instances.length === 0) throw new Error('not started');
    });
  }
  return { fake, windows: FakeBrowserWindow.instances, app, openApp };
}

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
      expect(lobby.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
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
    const listener = fake.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0] as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    let csp: string[] | undefined;
    listener({ responseHeaders: {} }, (r) => (csp = r.responseHeaders['Content-Security-Policy']));
    expect(csp?.[0]).toMatch(/script-src 'self'(;|$)/);
    expect(csp?.[0]).not.toMatch(/https?:|\*/);

    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
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

  it('opens the database in userData and registers one IPC handler that forwards with the session', async () => {
    const { fake, app, openApp } = await boot();
    expect(openApp).toHaveBeenCalledWith({ dbPath: path.join(tmp, 'userData', 'salesdesk.sqlite'), nativeBinding: undefined });
    expect(fs.existsSync(path.join(tmp, 'userData'))).toBe(true);

    expect([...fake.ipcMain.handlers.keys()]).toEqual(['salesdesk:call']);
    const handler = fake.ipcMain.handlers.get('salesdesk:call')!;
    const sender = { id: 1, once: vi.fn() };
    const event = { sender, senderFrame: { url: 'app://salesdesk/index.html', parent: null } };
    await handler(event, 'auth.signIn', { pin: '1234' });
    const answer = await handler(event, 'desk.lookup', { phone: '13800138000' });
    expect(app.dispatch).toHaveBeenLastCalledWith({ staffId: 'staff-9' }, 'desk.lookup', { phone: '13800138000' });
    expect(answer).toEqual({ ok: true, value: { method: 'desk.lookup', actingAs: 'staff-9' } });

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const refused = await handler({ sender, senderFrame: { url: 'https://evil.example/', parent: null } }, 'desk.lookup', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
    logged.mockRestore();
    expect(await handler(event, 'nope', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('in a packaged app loads the Electron build of better-sqlite3 from resources', async () => {
    const resources = path.join(tmp, 'resources');
    fs.mkdirSync(path.join(resources, 'native'), { recursive: true });
    fs.writeFileSync(path.join(resources, 'native', 'better_sqlite3.node'), '');
    (process as { resourcesPath?: string }).resourcesPath = resources;
    const { openApp } = await boot({ configure: (fake) => { fake.app.isPackaged = true; } });
    expect(openApp).toHaveBeenCalledWith(expect.objectContaining({ nativeBinding: path.join(resources, 'native', 'better_sqlite3.node') }));
  });

  it('in development uses .native/electron when scripts/native.mjs has built it', async () => {
    const binding = path.join(tmp, 'app', '.native', 'electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
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

  it('backs up, then closes the database before quitting', async () => {
    const { fake, app } = await boot();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(app.backupNow).toHaveBeenCalledWith('quit');
    expect(app.close).toHaveBeenCalledTimes(1);
    expect(app.backupNow.mock.invocationCallOrder[0]).toBeLessThan(app.close.mock.invocationCallOrder[0]!);

    const again = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', again); // the second pass lets the quit through
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('a second instance quits at once and creates nothing', async () => {
    const { fake, windows, openApp } = await boot({ started: false, configure: (f) => f.app.requestSingleInstanceLock.mockReturnValue(false) });
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(openApp).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });
});
