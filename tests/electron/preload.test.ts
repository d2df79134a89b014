// @vitest-environment node
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, CHANGE_CHANNEL } from '../../electron/ipc';
import { fakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

describe('preload', () => {
  it("exposes exactly two functions, call and onChange, under 'salesdesk'", async () => {
    await import('../../electron/preload');
    const expose = fakeElectron.contextBridge.exposeInMainWorld;
    expect(expose).toHaveBeenCalledTimes(1);
    const [key, api] = expose.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(key).toBe('salesdesk');
    expect(Object.keys(api)).toEqual(['call', 'onChange']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.onChange).toBe('function');
  });

  it('onChange(listener) hears change events of the right shape on the change channel, a copy without the IPC event; unsubscribe stops it', async () => {
    await import('../../electron/preload');
    const [, api] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [
      string,
      { onChange: (l: (e: unknown) => void) => () => void },
    ];
    const heard: unknown[][] = [];
    const unsubscribe = api.onChange((...args) => heard.push(args));
    expect(fakeElectron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, relay] = fakeElectron.ipcRenderer.on.mock.calls[0]!;
    expect(channel).toBe(CHANGE_CHANNEL);
    const ipcEvent = { sender: { send: () => {} } };
    const good = { seq: 4, areas: ['roster', 'audit'] };
    relay(ipcEvent, good);
    for (const bad of [
      null,
      'roster',
      { seq: '4', areas: ['roster'] },
      { seq: 1.5, areas: [] },
      { seq: 5, areas: ['roster', 'passwords'] },
      { seq: 6, areas: 'roster' },
      { seq: 7 },
    ])
      relay(ipcEvent, bad);
    expect(heard).toEqual([[good]]);
    expect(heard[0]![0]).not.toBe(good); // a fresh object: nothing of main's passes through by reference
    unsubscribe();
    expect(fakeElectron.ipcRenderer.removeListener).toHaveBeenCalledWith(CHANGE_CHANNEL, relay);
  });

  it('call(method, input) is one invoke on the checked channel, answer passed back', async () => {
    await import('../../electron/preload');
    const [, api] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [
      string,
      { call: (m: string, i?: unknown) => Promise<unknown> },
    ];
    const input = { phone: '13800138000' };
    await expect(api.call('desk.lookup', input)).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'desk.lookup', input);
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it("bundles to code that requires nothing but 'electron' (sandboxed preload)", async () => {
    const result = await build({
      absWorkingDir: path.resolve(__dirname, '../..'),
      entryPoints: ['electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const externals = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(new Set(externals)).toEqual(new Set(['electron']));
  });
});
