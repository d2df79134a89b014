// @vitest-environment node
/**
 * Issue 15 point 5: a slow call in the core never freezes the desk window, the lobby board or F11.
 *
 * electron/main.ts runs against the fake electron module, but its utilityProcess.fork starts a REAL child
 * process: node running tests/electron/held-core.ts, which is the real electron/core-process.ts runCoreProcess
 * (src/core, src/app, SQLite in a temporary userData) with a barrier in one real statement: setup.firstRun's
 * INSERT into staff, inside its BEGIN IMMEDIATE write, blocks the child's thread until this test writes the file
 * `release` (a signal, not a time). While the core is held there, main must still turn its event loop, open the
 * lobby board on F11, answer IPC it handles itself, and queue a second core call that is answered after the
 * release, in order.
 *
 * The negative proof: SALESDESK_TEST_CORE_IN_PROCESS=1 runs the same test with the same core in this process
 * (the fake's in-process utilityProcess, as if main called dispatch itself). The barrier then blocks the test's own
 * thread, nobody can write `release`, the barrier's cap (SALESDESK_TEST_HOLD_CAP_MS) ends it with an error, and
 * the test fails: no F11, no IPC answer while held, and the held write refused.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { CallHandler } from '../../electron/ipc';
import { FakeBrowserWindow, FakeUtilityProcess, createFakeElectron, fakeEvent } from './fake-electron';

const here = path.dirname(fileURLToPath(import.meta.url));
const inProcess = process.env.SALESDESK_TEST_CORE_IN_PROCESS === '1';
/** bounds for a hang (the child compiles src/ with tsx before it answers), never speed limits */
const HANG = { timeout: 120_000, interval: 20 };

let tmp: string;
let holdDir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-off-main-'));
  holdDir = path.join(tmp, 'hold');
  fs.mkdirSync(holdDir);
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await gone;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** An Electron UtilityProcess's surface (postMessage, 'message', 'exit', kill) over a real Node child process. */
function forkRealCore(): ChildProcess & { postMessage(message: unknown): void } {
  const child = fork(path.join(here, 'held-core.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced', // structured clone, as Electron's parentPort
    env: { ...process.env, SALESDESK_TEST_HOLD_DIR: holdDir },
  });
  children.push(child);
  return Object.assign(child, { postMessage: (message: unknown) => void child.send(message as never) });
}

async function boot() {
  vi.resetModules();
  FakeBrowserWindow.instances = [];
  FakeUtilityProcess.instances = [];
  const fake = createFakeElectron(async (parentPort) => {
    // only the negative proof runs the core here, in the test's (main's) own thread
    const { runHeldCore } = await import('./held-core');
    const capMs = Number(process.env.SALESDESK_TEST_HOLD_CAP_MS ?? 120_000);
    runHeldCore(parentPort, { dir: holdDir, capMs });
  });
  fake.app.appPath = path.join(tmp, 'app');
  fake.app.userData = path.join(tmp, 'userData');
  if (!inProcess) fake.utilityProcess.fork = vi.fn(() => forkRealCore() as never);
  vi.doMock('electron', () => fake);
  await import('../../electron/main');
  // main creates the desk window once the core process opened the office
  await vi.waitFor(() => {
    if (fake.dialog.showErrorBox.mock.calls.length) throw new Error(String(fake.dialog.showErrorBox.mock.calls[0]));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  }, HANG);
  return { fake, windows: FakeBrowserWindow.instances, handler: fake.ipcMain.handlers.get('salesdesk:call') as CallHandler };
}

const APP_FRAME = { url: 'app://salesdesk/index.html', parent: null };
const F11 = { type: 'keyDown', key: 'F11' };
/** one full turn of main's event loop: timers and I/O callbacks ran */
const turn = () => new Promise<void>((resolve) => setTimeout(() => setImmediate(resolve), 0));

it('while the core is held inside a write, main opens and reopens the lobby board on F11, answers its own IPC, and queues the next core calls', async () => {
  const { fake, windows, handler } = await boot();
  expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
  const desk = windows[0]!;
  const deskEvent = { sender: { id: desk.webContents.id, once: vi.fn() }, senderFrame: APP_FRAME };
  const answered: string[] = [];
  const track = <T>(name: string, p: Promise<T>) => p.finally(() => answered.push(name));

  const held = track(
    'setup.firstRun',
    handler(deskEvent, 'setup.firstRun', { staff: [{ id: 'admin', name: '管理员', roles: ['admin'], pin: '123456' }] }),
  );
  // the core process is now inside the INSERT, its thread blocked
  await vi.waitFor(() => expect(fs.existsSync(path.join(holdDir, 'entered'))).toBe(true), HANG);

  // main's event loop still turns
  for (let i = 0; i < 5; i++) await turn();
  // F11 in the desk window: main opens the lobby board window
  const key = fakeEvent();
  desk.webContents.emit('before-input-event', key, F11);
  expect(key.defaultPrevented).toBe(true);
  expect(windows).toHaveLength(2);
  const lobby = windows[1]!;
  expect(lobby.loadURL).toHaveBeenCalledWith('app://salesdesk/index.html#/lobby');
  lobby.emit('ready-to-show');
  expect(lobby.show).toHaveBeenCalled();
  // the board closed and opened again: main's own window bookkeeping
  lobby.emit('closed');
  desk.webContents.emit('before-input-event', fakeEvent(), F11);
  expect(windows).toHaveLength(3);
  const board = windows[2]!;
  expect(board.loadURL).toHaveBeenCalledWith('app://salesdesk/index.html#/lobby');
  // the lobby window's IPC that main answers itself (no core involved): answered now, not after the write
  const lobbyEvent = { sender: { id: board.webContents.id, once: vi.fn() }, senderFrame: APP_FRAME };
  expect(await handler(lobbyEvent, 'no.such.method', {})).toMatchObject({ ok: false, error: { reason: 'unknown_method' } });
  vi.spyOn(console, 'error').mockImplementation(() => {});
  expect(await handler({ ...lobbyEvent, senderFrame: { url: 'https://evil.example/', parent: null } }, 'roster.board', {})).toMatchObject({
    ok: false,
    error: { reason: 'untrusted_caller' },
  });
  // core calls from the board (its own read, the list of staff) queue behind the held write
  const boardRead = track('roster.board', handler(lobbyEvent, 'roster.board', {}));
  const queued = track('staff.list', handler(lobbyEvent, 'staff.list', {}));
  for (let i = 0; i < 5; i++) await turn();
  expect(answered).toEqual([]);
  expect(fs.existsSync(path.join(holdDir, 'entered'))).toBe(true);

  fs.writeFileSync(path.join(holdDir, 'release'), '');
  expect(await held).toMatchObject({ ok: true });
  const list = await queued;
  expect(list).toMatchObject({ ok: true });
  // the queued read ran after the held write committed: it sees the staff member the write created
  expect(JSON.stringify(list)).toContain('"admin"');
  expect(await boardRead).toMatchObject({ ok: true });
  expect(answered).toHaveLength(3);
});
