/**
 * A hand-written stand-in for the 'electron' module: just enough surface for electron/*.ts,
 * recording what the code asked for so tests can assert on real values. There is no Electron
 * binary on CI machines, and importing the real package outside Electron gives only a path.
 */
import { vi } from 'vitest';

type Listener = (...args: any[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    };
    return this.on(name, wrapped);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(...args);
  }
  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }
}

/** An Electron-style event: records preventDefault, carries url like WillNavigate events do. */
export function fakeEvent(url = '') {
  return { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

let nextId = 1;
export class FakeWebContents extends FakeEmitter {
  readonly id = nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => {});
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  isMinimized() {
    return false;
  }
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

export function createFakeElectron() {
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    appPath: '/fake/app',
    userData: '/fake/userData',
    getAppPath: vi.fn(() => app.appPath),
    getPath: vi.fn((name: string) => (name === 'userData' ? app.userData : `/fake/${name}`)),
    whenReady: vi.fn(() => Promise.resolve()),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
  });

  const webRequest = { onHeadersReceived: vi.fn() };
  const defaultSession = {
    webRequest,
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  };

  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handlers,
    handle: vi.fn((channel: string, handler: Listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    }),
  };

  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession },
    shell: { openExternal: vi.fn(async () => {}) },
    dialog: { showErrorBox: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'from-main' })) },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/**
 * The instance vi.mock('electron') hands out. A test that needs a clean one calls
 * vi.resetModules() and imports this file again before the code under test.
 */
export const fakeElectron: FakeElectron = createFakeElectron();
