/**
 * The one IPC channel. The renderer may ask for any API method by name; this handler decides
 * whether the asking frame is ours, whether the name exists, and on whose behalf it runs.
 * Permissions and validation stay in src/ (the same code web mode uses), not here.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { ERROR_CODES, type ApiResult, type ErrorParams, errorBody, refuse as refuseWith } from '../src/api/errors';
import type { ErrorReason } from '../src/api/reasons';
import type { ActingPerson, DispatchOutcome, Session } from '../src/api/session';

/** Keep in sync with electron/preload.ts, which cannot import this file (sandboxed preload). */
export const CALL_CHANNEL = 'salesdesk:call';
/** main → every window: a ChangeEvent (src/api/changes) after each committed change; preload checks its shape. */
export const CHANGE_CHANNEL = 'salesdesk:change';

/** What IPC needs of the core (the relay to the core process, src/core/protocol); a fake satisfies it in tests. */
export interface ApiBackend {
  dispatch(
    session: Session | null,
    method: string,
    input: unknown,
    options?: { background?: boolean; actingAs?: ActingPerson },
  ): Promise<DispatchOutcome>;
  methodNames(): string[];
}

export interface CallHandlerOptions {
  backend: ApiBackend;
  /** Whether a frame at this URL may call the API (security.isAppPageUrl in the app). */
  isTrustedUrl: (url: string) => boolean;
  log?: (message: string, error?: unknown) => void;
  /** a window's session ends after this long without a call (the shared desk: default 15 minutes) */
  idleMs?: number;
  now?: () => number;
}

type SenderLike = Pick<IpcMainInvokeEvent['sender'], 'id' | 'once'>;
type FrameLike = { url: string; parent: unknown } | null;
export type CallEvent = { sender: SenderLike; senderFrame: FrameLike };

/**
 * `background` is true for the renderer's timed polls (preload's third argument): they never count as use.
 * `actingAs` (the fourth): at the desk station, the person doing this one action and their PIN.
 */
export type CallHandler = (
  event: CallEvent,
  method: unknown,
  input: unknown,
  background?: unknown,
  actingAs?: unknown,
) => Promise<ApiResult<unknown>>;

const isActingPerson = (v: unknown): v is ActingPerson =>
  typeof v === 'object' && v !== null && typeof (v as ActingPerson).staffId === 'string' && typeof (v as ActingPerson).pin === 'string';

const refuse = (reason: ErrorReason, params?: ErrorParams): ApiResult<never> => ({
  ok: false,
  error: errorBody(refuseWith(reason, params)),
});

function frameUrl(frame: FrameLike): string | null {
  try {
    // Only the top frame: our page has no iframes (CSP frame-src 'none'), so a child frame is a
    // stranger. A frame that navigated away or was destroyed can throw on access; same answer.
    if (!frame || frame.parent) return null;
    return frame.url;
  } catch {
    return null;
  }
}

export function createCallHandler({
  backend,
  isTrustedUrl,
  log = (...args) => console.error(...args),
  idleMs = 15 * 60_000,
  now = Date.now,
}: CallHandlerOptions): CallHandler {
  // The method list is fixed once the app is open; a Set makes '__proto__'-style names plain misses.
  const known = new Set(backend.methodNames());
  // Each window signs in separately (the lobby board must never act as the salesperson at the
  // desk), and a closed window's session is forgotten, not left for the next window with that id.
  const sessions = new Map<number, Session | null>();
  const lastCall = new Map<number, number>();

  return async (event, method, input, background, actingAs) => {
    const url = frameUrl(event.senderFrame);
    if (url === null || !isTrustedUrl(url)) {
      log(`salesdesk:call refused from untrusted frame: ${String(url)}`);
      return refuse('untrusted_caller');
    }
    if (typeof method !== 'string' || !known.has(method)) {
      return refuse('unknown_method', { method: String(method).slice(0, 80) });
    }

    const { sender } = event;
    if (!sessions.has(sender.id)) {
      sessions.set(sender.id, null);
      sender.once('destroyed', () => {
        sessions.delete(sender.id);
        lastCall.delete(sender.id);
      });
    }

    // Idle too long at a shared terminal: the next person must sign in as themselves. Only a person's
    // calls count as use: a screen polling by itself would otherwise keep an absent person signed in,
    // and the poll is still told (and so shows the sign-in) once the session has ended.
    const previous = lastCall.get(sender.id);
    if (background !== true) lastCall.set(sender.id, now());
    if (actingAs !== undefined && !isActingPerson(actingAs)) return refuse('body_invalid');
    // The desk station stands for nobody, so it has nobody to sign out when idle; it closes with its day (dispatch).
    const held = sessions.get(sender.id);
    if (held && !held.station && previous !== undefined && now() - previous > idleMs) {
      sessions.set(sender.id, null);
      if (method !== 'session.signIn') return refuse('session_expired');
    }

    let outcome: DispatchOutcome;
    try {
      outcome = await backend.dispatch(sessions.get(sender.id) ?? null, method, input, {
        background: background === true,
        ...(actingAs ? { actingAs } : {}),
      });
    } catch (error) {
      // dispatch should answer every refusal itself; reaching here is a bug, so log the detail
      // for us and give the renderer an answer of the usual shape instead of a rejected promise.
      const thrown = error as { code?: unknown; message?: unknown } | null;
      if (thrown && ERROR_CODES.includes(thrown.code as never) && typeof thrown.message === 'string') {
        return { ok: false, error: { code: thrown.code as (typeof ERROR_CODES)[number], reason: 'legacy', message: thrown.message } };
      }
      log(`salesdesk:call ${method} failed`, error);
      return refuse('internal');
    }
    // Sessions only change after the method finished, and only for the window that asked.
    if (outcome.session !== undefined && sessions.has(sender.id)) {
      sessions.set(sender.id, outcome.session);
      lastCall.set(sender.id, now());
    }
    return outcome.result;
  };
}
