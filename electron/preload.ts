/**
 * Runs sandboxed: only 'electron' can be required, so nothing else is imported here (not even
 * ./ipc, whose imports would be bundled into the preload). The page gets one function and
 * never ipcRenderer itself, so it can reach no channel other than the one main.ts checks.
 */
import { contextBridge, ipcRenderer } from 'electron';

// Same string as CALL_CHANNEL in electron/ipc.ts (a test keeps them equal).
const CALL_CHANNEL = 'salesdesk:call';

contextBridge.exposeInMainWorld('salesdesk', {
  // background: a timed poll, not a person (electron/ipc.ts lets only a person's calls extend the session).
  call: (method: string, input?: unknown, background?: boolean): Promise<unknown> =>
    background === true ? ipcRenderer.invoke(CALL_CHANNEL, method, input, true) : ipcRenderer.invoke(CALL_CHANNEL, method, input),
});
