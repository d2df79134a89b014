/**
 * The renderer's one door to the API. In the desktop app the preload exposes window.salesdesk.call
 * (IPC); in a browser (web mode) the same method goes to POST /api/<method>. Either way the answer is
 * an ApiResult, never a thrown error, so screens word `error` through errorText (renderer/i18n/reasons) inline.
 *
 * When an answer says the session is gone (web mode's 15 idle minutes: 登录已超时; or nobody is signed in:
 * 请先选择操作人员), listeners registered with onSessionLost hear of it, so the shell drops the acting person
 * and shows the sign-in picker whatever screen made the call.
 *
 * A re-read after a pushed change (api/changes, api/useApi) is not a person using the screen: such calls
 * say so with `{ background: true }` (header X-Salesdesk-Background: 1 over HTTP, a third argument over IPC)
 * and never keep a session alive, so the idle sign-out fires at a terminal left open. Their answers are
 * watched like any other, so a re-read that learns the session ended still brings back the sign-in.
 *
 * Types come from the spec and its handlers (type-only imports, erased from the bundle), so a screen cannot
 * call a method that does not exist or pass an input of the wrong shape.
 */
import type { ApiErrorBody, ApiResult, ErrorCode } from '../../src/api/errors';
import type { ActingPerson } from '../../src/api/session';
import { type InputOf, type MethodName, spec } from '../../src/api/spec';
import type { Output as HandlerOutput } from '../../src/services/handlers';
import { translate } from '../i18n';
import { errorText } from '../i18n/reasons';

export type { ApiErrorBody, ApiResult, ErrorCode, MethodName };
export type Input<M extends MethodName> = InputOf<M>;
export type Output<M extends MethodName> = HandlerOutput<M>;

interface Bridge {
  call(method: string, input?: unknown, background?: boolean, actingAs?: ActingPerson): Promise<unknown>;
}

/**
 * An office group's site (售楼处 / 项目) this terminal works at: chosen on the sign-in screen when the group has more
 * than one (session.sites), remembered per terminal (this browser's localStorage), and sent as X-Salesdesk-Site on
 * every call, so the picker lists that site's staff, first-run setup and sign-in happen there, and the session then
 * keeps it. null: none chosen (a single office, or a one-site group): nothing is sent and the home site answers.
 */
const SITE_KEY = 'salesdesk.site';
export const SITE_HEADER = 'X-Salesdesk-Site';
export function terminalSite(): string | null {
  try {
    return globalThis.localStorage?.getItem(SITE_KEY) || null;
  } catch {
    return null;
  }
}
export function rememberSite(code: string | null): void {
  try {
    if (code) globalThis.localStorage?.setItem(SITE_KEY, code);
    else globalThis.localStorage?.removeItem(SITE_KEY);
  } catch {
    // a browser without storage: the choice lasts until the page reloads (the session keeps its site anyway)
  }
}
const siteHeaders = (): Record<string, string> => {
  const site = terminalSite();
  return site ? { [SITE_HEADER]: site } : {};
};

export interface CallOptions {
  /** not a person's action (a re-read after a pushed change): it does not extend the session */
  background?: boolean;
  /** at the desk station: the person doing this action, and their PIN (never kept after the call) */
  actingAs?: ActingPerson;
}

/**
 * At the desk station (Session.station) every call the station may not make by itself asks who is doing it:
 * the shell registers a prompt (components/ActingPrompt) that shows the picker and retries the call with the
 * person and PIN until it is answered (a wrong PIN asks again) or the person cancels (null).
 */
export type ActingPrompt = (
  method: MethodName,
  send: (who: ActingPerson) => Promise<ApiResult<unknown>>,
) => Promise<ApiResult<unknown> | null>;
let actingPrompt: ActingPrompt | null = null;
export function setActingPrompt(prompt: ActingPrompt): () => void {
  actingPrompt = prompt;
  return () => {
    if (actingPrompt === prompt) actingPrompt = null;
  };
}
/** What the station must name a person for: everything but sign-in and the few reads the spec lets it make. */
export const needsActingPerson = (method: MethodName): boolean => {
  const def = spec[method];
  return def.roles !== 'public' && !('station' in def && def.station);
};

export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  call<M extends MethodName>(method: M, input: Input<M>, options?: CallOptions): Promise<ApiResult<Output<M>>>;
}

const isBackground = (options?: CallOptions) => options?.background === true;

const CODES: readonly string[] = ['validation', 'permission', 'conflict', 'not_found', 'invalid_state'];

const transportFailure = (reason: 'bad_answer' | 'network' | 'core_unavailable', message: string): { ok: false; error: ApiErrorBody } => ({
  ok: false,
  error: { code: 'invalid_state', reason, message },
});

/** Accepts only the ApiResult shape; anything else (a proxy's HTML page, a crashed handler) becomes an error. */
function asResult<T>(body: unknown): ApiResult<T> {
  if (body && typeof body === 'object' && 'ok' in body) {
    const b = body as { ok: unknown; value?: unknown; error?: { code?: unknown; reason?: unknown; params?: unknown; message?: unknown } };
    if (b.ok === true) return { ok: true, value: b.value as T };
    if (b.ok === false && b.error && typeof b.error.message === 'string') {
      const code = (CODES.includes(String(b.error.code)) ? b.error.code : 'invalid_state') as ErrorCode;
      const details = (b.error as { details?: unknown }).details;
      const reason = typeof b.error.reason === 'string' ? b.error.reason : 'legacy';
      const params = b.error.params && typeof b.error.params === 'object' ? (b.error.params as ApiErrorBody['params']) : undefined;
      return {
        ok: false,
        error: { code, reason, message: b.error.message, ...(params ? { params } : {}), ...(details !== undefined ? { details } : {}) },
      };
    }
  }
  return transportFailure('bad_answer', translate('error.badAnswer'));
}

/** The refusals that mean "nobody is signed in here any more", not "you may not". */
const SESSION_LOST: ReadonlySet<string> = new Set(['session_expired', 'not_signed_in', 'session_ended', 'station_closed']);
const lostListeners = new Set<(message: string) => void>();

/** Hears every answer that says the session has ended; returns the unsubscribe. */
export function onSessionLost(listener: (message: string) => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

export const isSessionLost = (error: ApiErrorBody): boolean => error.code === 'permission' && SESSION_LOST.has(error.reason);

/** Tells the listeners the session has ended (an answer said so, or the push stream did). */
export function announceSessionLost(message: string): void {
  for (const l of [...lostListeners]) l(message);
}

function watched<T>(method: string, result: ApiResult<T>): ApiResult<T> {
  if (!result.ok && method !== 'session.signIn' && isSessionLost(result.error)) announceSessionLost(errorText(result.error));
  return result;
}

function bridge(): Bridge | null {
  const w = globalThis as unknown as { salesdesk?: Bridge };
  return w.salesdesk && typeof w.salesdesk.call === 'function' ? w.salesdesk : null;
}

/** Asks the station's prompt for the person when the call needs one; otherwise sends it as it is. */
function withActingPerson(client: ApiClient): ApiClient {
  return {
    transport: client.transport,
    async call(method, input, options) {
      const prompt = actingPrompt;
      if (!prompt || options?.actingAs || isBackground(options) || !needsActingPerson(method)) return client.call(method, input, options);
      const answer = await prompt(method, (who) => client.call(method, input, { ...options, actingAs: who }));
      if (answer) return answer as Awaited<ReturnType<typeof client.call<typeof method>>>;
      return {
        ok: false,
        error: {
          code: 'permission',
          reason: 'acting_person_required',
          params: { method },
          message: translate('reason.acting_person_required'),
        },
      };
    },
  };
}

export function createApiClient(): ApiClient {
  return withActingPerson(transportClient());
}

function transportClient(): ApiClient {
  const ipc = bridge();
  if (ipc) {
    return {
      transport: 'ipc',
      async call(method, input, options) {
        try {
          const answer = options?.actingAs
            ? ipc.call(method, input, isBackground(options), options.actingAs)
            : isBackground(options)
              ? ipc.call(method, input, true)
              : ipc.call(method, input);
          return watched(method, asResult(await answer));
        } catch {
          return transportFailure('core_unavailable', translate('error.ipc'));
        }
      },
    };
  }
  return {
    transport: 'http',
    async call(method, input, options) {
      let response: Response;
      const acting: Record<string, string> = options?.actingAs
        ? {
            'X-Salesdesk-Acting-Staff': encodeURIComponent(options.actingAs.staffId),
            'X-Salesdesk-Acting-Pin': encodeURIComponent(options.actingAs.pin),
          }
        : {};
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(isBackground(options) ? { 'X-Salesdesk-Background': '1' } : {}),
            ...acting,
            ...siteHeaders(),
          },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return transportFailure('network', translate('error.network'));
      }
      try {
        // 4xx answers still carry an ApiResult body.
        return watched(method, asResult(await response.json()));
      } catch {
        return transportFailure('bad_answer', translate('error.badAnswer'));
      }
    },
  };
}

export const api: ApiClient = createApiClient();
