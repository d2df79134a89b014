/**
 * A hand-written stand-in for the 'electron' module: just enough surface for electron/*.ts,
 * recording what the code asked for so tests can assert on real values. There is no Electron
 * binary on CI machines, and importing the real package outside Electron gives only a path.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
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
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l !== wrapped),
      );
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
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextId = 1;
export class FakeWebContents extends FakeEmitter {
  readonly id = nextId++;
  readonly send = vi.fn((_channel: string, ..._args: unknown[]) => {});
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

/** The child's end, shaped like Electron's process.parentPort: messages arrive as { data }. */
export interface FakeParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/**
 * utilityProcess.fork's child, run in this process: main's end and the child's end are the two ports of
 * a real MessageChannel, so every message is structured-cloned and delivered later, as between processes.
 */
export class FakeUtilityProcess extends FakeEmitter {
  static instances: FakeUtilityProcess[] = [];
  readonly toChild: unknown[] = [];
  readonly fromChild: unknown[] = [];
  readonly kill = vi.fn(() => this.exit(0));
  private readonly port: MessagePort;
  readonly childPort: FakeParentPort;
  private exited = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.on('message', (message: unknown) => {
      this.fromChild.push(message);
      this.emit('message', message);
    });
    this.childPort = {
      postMessage: (message) => port2.postMessage(message),
      on: (_event, listener) => port2.on('message', (data: unknown) => listener({ data })),
    };
    port1.unref();
    port2.unref();
    FakeUtilityProcess.instances.push(this);
  }
  postMessage(message: unknown): void {
    if (this.exited) throw new Error('the utility process has exited');
    this.toChild.push(message);
    this.port.postMessage(message);
  }
  /** the process is gone (crash, kill): its port falls silent, then 'exit' */
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.port.close();
    this.emit('exit', code);
  }
}

/** What the fake fork runs in the child: by default the real core process entry, over the channel. */
export type ChildMain = (parentPort: FakeParentPort, child: FakeUtilityProcess) => void | Promise<void>;
const runCoreEntry: ChildMain = async (parentPort) => {
  const { runCoreProcess } = await import('../../electron/core-process');
  runCoreProcess(parentPort);
};

export function createFakeElectron(childMain: ChildMain = runCoreEntry) {
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    appPath: '/fake/app',
    userData: '/fake/userData',
    getAppPath: vi.fn(() => app.appPath),
    getPath: vi.fn((name: string) => (name === 'userData' ? app.userData : `/fake/${name}`)),
    setPath: vi.fn((name: string, value: string) => {
      if (name === 'userData') app.userData = value;
    }),
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
    utilityProcess: {
      fork: vi.fn((modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
        const child = new FakeUtilityProcess(modulePath, args, options);
        void childMain(child.childPort, child);
        return child;
      }),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async () => ({ ok: true, value: 'from-main' })),
      on: vi.fn((_channel: string, _listener: Listener) => {}),
      removeListener: vi.fn((_channel: string, _listener: Listener) => {}),
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/**
 * The instance vi.mock('electron') hands out. A test that needs a clean one calls
 * vi.resetModules() and imports this file again before the code under test.
 */
export const fakeElectron: FakeElectron = createFakeElectron();
