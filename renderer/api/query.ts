/**
 * The state machine behind useApi, a plain object so it is tested without React (tests/unit/renderer-query):
 * one API read kept current. It reads when configured, when a person asks (`reload`), and — as a background
 * call, which never extends a session — when a pushed change names one of its areas or the push stream
 * reconnects.
 *
 * At most one request is in flight; whatever asks for a read meanwhile becomes one pending re-read, sent
 * when the answer is in (ten pushes during a slow read cost one more read, not ten). An answer is shown only
 * if it answers the newest request for the current input, by sequence number: a reply to an input since
 * changed is dropped. The sequence is shared by every query and every change answer (`nextSeq`), so a store
 * that also takes the answers of changes (the roster) can order the two.
 */
import type { ApiErrorBody, ApiResult, CallOptions } from './client';
import type { Area, Changes, Timers } from './changes';

let lastSeq = 0;
/** The next number of the one renderer-wide sequence of requests. */
export const nextSeq = (): number => ++lastSeq;

export interface QueryState<T> {
  /** the newest answer for the current input (undefined until the first one) */
  data: T | undefined;
  /** the newest read's refusal or failure; the last data stays */
  error: ApiErrorBody | null;
  /** a read a person waits for (the first, after an input change, reload) is on its way */
  loading: boolean;
  /** the sequence number of the request whose answer is shown (0: none yet) */
  seq: number;
  /** failed reads in a row (0 after an answer) */
  failures: number;
}

export interface QueryConfig {
  method: string;
  input: unknown;
  /** the pushed areas that make it read again; none: only configure and reload read */
  areas: readonly Area[];
  enabled: boolean;
  /** every read is a background one (a display nobody operates, like the lobby board) */
  background?: boolean;
  /** while the push stream is not open, read again this long after each answer (the lobby board) */
  fallbackPollMs?: number;
  /**
   * When the input changes, the answer to the previous input stays shown (with `loading`) until the new
   * one's arrives, instead of nothing: a filtered list (the audit log) does not blank at every choice.
   * Its error is cleared (it answered the other input). Not across `enabled: false`, which shows nothing.
   */
  keepPrevious?: boolean;
  /**
   * false: not read again when the push stream reopens (a resync), only on a change naming its areas. For an
   * audited read (a colleague's customer page): each read is an audit row, and the stream reopens at every
   * sign-in try at that terminal; what changed while it was closed shows at the next change or visit.
   */
  resync?: boolean;
  /** true: other sites' changes re-read it too (the group screen; they reach only a session reading the whole group) */
  everySite?: boolean;
}

export interface QueryDeps {
  call(method: string, input: unknown, options: CallOptions): Promise<ApiResult<unknown>>;
  changes: Pick<Changes, 'subscribe' | 'state' | 'onState'>;
  timers?: Timers;
  /** whether the window is shown (a hidden window skips its fallback reads) */
  visible?: () => boolean;
}

export interface Query<T> {
  getState(): QueryState<T>;
  /** hears every change of getState() (for useSyncExternalStore) */
  subscribe(listener: () => void): () => void;
  /** starts, or moves to another input (a same-valued input changes nothing) */
  configure(config: QueryConfig): void;
  /** what configure with this config would read: compare to know whether getState() answers it */
  keyOf(config: Pick<QueryConfig, 'method' | 'input' | 'enabled'>): string;
  currentKey(): string | null;
  /**
   * a person asks to read again; settles once an answer to a read sent after the call is in (shown, or a
   * refusal), so a screen can close a dialog on the list as it now is. At once when there is nothing to read
   * (stopped, disabled), and on stop or another input.
   */
  reload(): Promise<void>;
  /** stops reading and listening; answers still on their way are ignored; configure starts again */
  stop(): void;
}

/** JSON with object keys sorted, so two equal values give the same text whatever their key order. */
export function stableJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    ) ?? 'undefined'
  );
}

/**
 * What a screen shows in the render that asks for `key`: the query's state if it already answers that key;
 * before the effect has moved the query there, nothing (loading) — or, with keepPrevious, the previous
 * input's answer (loading), as configure will keep it.
 */
export function shownFor<T>(
  state: QueryState<T>,
  currentKey: string | null,
  key: string,
  options: { enabled: boolean; keepPrevious?: boolean },
): QueryState<T> {
  if (currentKey === key) return state;
  if (options.keepPrevious && options.enabled && currentKey !== null && state.data !== undefined)
    return { ...state, error: null, loading: true, failures: 0 };
  return { data: undefined, error: null, loading: options.enabled, seq: 0, failures: 0 };
}

const EMPTY = { data: undefined, error: null, loading: false, seq: 0, failures: 0 };

export function createQuery<T>(deps: QueryDeps): Query<T> {
  const timers = deps.timers ?? globalThis;
  const listeners = new Set<() => void>();
  let state: QueryState<T> = EMPTY;
  let config: QueryConfig | null = null;
  let key: string | null = null;
  let areasKey = '';
  let active = false;
  /** the request on its way, and the newest request sent for the current key */
  let inFlight: number | null = null;
  let newest = 0;
  let pending: { background: boolean } | null = null;
  /** the shown data's JSON: an equal answer keeps the same object, so nothing re-renders */
  let dataJson: string | null = null;
  let unsubscribePush: (() => void) | null = null;
  let unsubscribeState: (() => void) | null = null;
  let pollTimer: unknown = null;
  /** reload()s waiting for an answer to a request numbered above `after` */
  let waiters: { after: number; resolve: () => void }[] = [];

  const release = (upTo: number) => {
    const ready = waiters.filter((w) => upTo > w.after);
    waiters = waiters.filter((w) => upTo <= w.after);
    for (const w of ready) w.resolve();
  };

  const set = (next: Partial<QueryState<T>>) => {
    const merged = { ...state, ...next };
    if ((Object.keys(merged) as (keyof QueryState<T>)[]).every((k) => merged[k] === state[k])) return;
    state = merged;
    for (const l of [...listeners]) l();
  };

  const keyOf = (c: Pick<QueryConfig, 'method' | 'input' | 'enabled'>) => (c.enabled ? `${c.method} ${stableJson(c.input)}` : 'off');

  const clearPoll = () => {
    if (pollTimer !== null) timers.clearTimeout(pollTimer);
    pollTimer = null;
  };

  const pollIfUnpushed = () => {
    clearPoll();
    const ms = config?.fallbackPollMs;
    if (!active || !config?.enabled || !ms || deps.changes.state() === 'open' || inFlight !== null) return;
    pollTimer = timers.setTimeout(() => {
      pollTimer = null;
      if (deps.visible && !deps.visible()) pollIfUnpushed();
      else read(true);
    }, ms);
  };

  const send = (background: boolean) => {
    const c = config!;
    const seq = nextSeq();
    const askedKey = key;
    inFlight = seq;
    newest = seq;
    clearPoll();
    if (!background) set({ loading: true });
    let answer: Promise<ApiResult<unknown>>;
    try {
      answer = deps.call(c.method, c.input, background || c.background ? { background: true } : {});
    } catch (e) {
      answer = Promise.reject(e);
    }
    answer.then(
      (r) => answered(seq, askedKey, r),
      (e: unknown) =>
        answered(seq, askedKey, {
          ok: false,
          error: {
            code: 'invalid_state',
            reason: 'internal',
            params: { detail: e instanceof Error ? e.message : String(e) },
            message: 'internal',
          },
        }),
    );
  };

  const answered = (seq: number, askedKey: string | null, r: ApiResult<unknown>) => {
    if (inFlight === seq) inFlight = null;
    if (active && askedKey === key && seq === newest) {
      if (r.ok) {
        const json = stableJson(r.value);
        const data = json === dataJson ? state.data : (r.value as T);
        dataJson = json;
        set({ data, error: null, seq, failures: 0, loading: pending !== null && !pending.background });
      } else set({ error: r.error, seq, failures: state.failures + 1, loading: pending !== null && !pending.background });
      release(seq);
    }
    if (!active) return;
    if (pending) {
      const p = pending;
      pending = null;
      send(p.background);
    } else {
      if (state.loading) set({ loading: false });
      pollIfUnpushed();
    }
  };

  const read = (background: boolean) => {
    if (!active || !config?.enabled) return;
    if (inFlight !== null) {
      pending = { background: (pending?.background ?? true) && background };
      if (!background) set({ loading: true });
      return;
    }
    send(background);
  };

  const listen = (areas: readonly Area[], everySite: boolean) => {
    unsubscribePush?.();
    unsubscribePush =
      areas.length > 0
        ? deps.changes.subscribe(
            areas,
            (news) => {
              if (news.kind === 'resync' && config?.resync === false) return;
              read(true);
            },
            everySite ? { everySite } : undefined,
          )
        : null;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    keyOf,
    currentKey: () => (active ? key : null),

    configure(next) {
      const nextKey = keyOf(next);
      const nextAreas = next.enabled ? `${[...new Set(next.areas)].sort().join(',')}${next.everySite ? '|every site' : ''}` : '';
      const restart = !active || nextKey !== key;
      config = next;
      if (!restart && nextAreas === areasKey) return void pollIfUnpushed();
      if (nextKey !== key) {
        release(Infinity);
        // Another question: what was shown answered the old one (kept in sight only if asked to).
        pending = null;
        const keep = next.keepPrevious === true && next.enabled && active && state.data !== undefined;
        if (!keep) dataJson = null;
        state = keep ? { ...EMPTY, data: state.data, seq: state.seq, loading: true } : { ...EMPTY };
        for (const l of [...listeners]) l();
      }
      key = nextKey;
      areasKey = nextAreas;
      active = true;
      listen(next.enabled ? next.areas : [], next.everySite === true);
      unsubscribeState ??= deps.changes.onState(pollIfUnpushed);
      if (restart) read(false);
      else pollIfUnpushed();
    },

    reload() {
      if (!active || !config?.enabled) return Promise.resolve();
      const after = lastSeq;
      const answered = new Promise<void>((resolve) => waiters.push({ after, resolve }));
      read(false);
      return answered;
    },

    stop() {
      release(Infinity);
      active = false;
      pending = null;
      clearPoll();
      unsubscribePush?.();
      unsubscribePush = null;
      unsubscribeState?.();
      unsubscribeState = null;
    },
  };
}
