/**
 * Runs sandboxed: only 'electron' can be required, so nothing else is imported at run time here (not
 * even ./ipc, whose imports would be bundled into the preload; src/api/changes is a list and nothing
 * else). The page gets two functions and never ipcRenderer itself, so it can reach no channel other
 * than the one main.ts checks, and hears only change events of the expected shape.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { AREAS, type ChangeEvent } from '../src/api/changes';

// Same strings as CALL_CHANNEL and CHANGE_CHANNEL in electron/ipc.ts (a test keeps them equal).
const CALL_CHANNEL = 'salesdesk:call';
const CHANGE_CHANNEL = 'salesdesk:change';

const areas: ReadonlySet<unknown> = new Set(AREAS);
const isChangeEvent = (v: unknown): v is ChangeEvent =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as ChangeEvent).seq) &&
  Array.isArray((v as ChangeEvent).areas) &&
  (v as ChangeEvent).areas.every((a) => areas.has(a));

contextBridge.exposeInMainWorld('salesdesk', {
  // background: a timed poll, not a person (electron/ipc.ts lets only a person's calls extend the session).
  // actingAs: at the desk station, the person doing this action and their PIN (electron/ipc.ts checks its shape).
  call: (method: string, input?: unknown, background?: boolean, actingAs?: { staffId: string; pin: string }): Promise<unknown> =>
    actingAs !== undefined
      ? ipcRenderer.invoke(CALL_CHANNEL, method, input, background === true, actingAs)
      : background === true
        ? ipcRenderer.invoke(CALL_CHANNEL, method, input, true)
        : ipcRenderer.invoke(CALL_CHANNEL, method, input),
  // The page gets a fresh copy of the event, never Electron's IpcRendererEvent (it carries the sender).
  onChange: (listener: (event: ChangeEvent) => void): (() => void) => {
    const relay = (_e: IpcRendererEvent, event: unknown) => {
      if (isChangeEvent(event)) listener({ seq: event.seq, areas: [...event.areas] });
    };
    ipcRenderer.on(CHANGE_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(CHANGE_CHANNEL, relay);
    };
  },
});
