/**
 * Pushed changes: one subscription per window to the core's news of what each commit changed, so screens
 * re-read when another terminal changes what they show instead of polling. In the desktop app the preload's
 * window.salesdesk.onChange; in a browser (web mode) an EventSource on GET /api/events (`event: change`
 * with {seq, areas}; `event: session` with {reason} when the session has ended, then the stream closes).
 *
 * The stream is opened when the first subscriber arrives and closed when the last one leaves, so a signed-out
 * window holds none (web mode refuses a stream without a session). After every (re)connection each
 * subscriber hears a `resync`: changes made while the stream was down were never heard, so it reads again.
 * A dropped stream is reopened: EventSource retries by itself after a network error, and a refused or
 * ended stream (it is then closed for good) is retried here, waiting longer each time up to half a minute.
 *
 * Sign-in and sign-out swap the session cookie under the stream; the session store suspends the stream
 * around them (`suspend`) so the old session's end is not mistaken for the new person's.
 */
import { AREAS, type Area, type ChangeEvent, hearsChange } from '../../src/api/changes';
import { announceSessionLost, terminalSite } from './client';
import { translate } from '../i18n';

export type { Area, ChangeEvent };

/**
 * idle: nobody subscribed · connecting: not yet open · open: changes arrive · lost: it was open and dropped
 * (being retried) · unavailable: this window has no push (an old preload), or the stream was refused or
 * ended before it opened (web mode without a session).
 */
export type PushState = 'idle' | 'connecting' | 'open' | 'lost' | 'unavailable';

/** What a source tells the hub. `down(final)`: final when the source will not retry by itself. */
export interface PushSink {
  open(): void;
  change(event: ChangeEvent): void;
  down(final: boolean): void;
  sessionEnded(reason: string): void;
}

/** A way to hear changes; `connect` returns the function that stops listening. */
export interface PushSource {
  connect(sink: PushSink): () => void;
}

export type ChangeListener = (news: { kind: 'change'; event: ChangeEvent } | { kind: 'resync' }) => void;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Changes {
  /**
   * listens to changes naming any of `areas` (and to every resync); returns the unsubscribe. `everySite`: also to
   * other sites' changes, which reach only a terminal whose person reads the whole group (the group screen).
   */
  subscribe(areas: readonly Area[], listener: ChangeListener, options?: { everySite?: boolean }): () => void;
  state(): PushState;
  onState(listener: () => void): () => void;
  /** closes the stream until `resume` (a sign-in or sign-out is under way) */
  suspend(): void;
  /** reopens it if anyone listens; its open brings every subscriber a resync */
  resume(): void;
}

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

const AREA_NAMES: ReadonlySet<string> = new Set(AREAS);

/** Accepts only {seq: integer, areas: known area names}; anything else is dropped, not guessed at. */
export function asChangeEvent(raw: unknown): ChangeEvent | null {
  if (!raw || typeof raw !== 'object') return null;
  const { seq, areas, site } = raw as { seq?: unknown; areas?: unknown; site?: unknown };
  if (!Number.isInteger(seq) || !Array.isArray(areas)) return null;
  const known = areas.filter((a): a is Area => typeof a === 'string' && AREA_NAMES.has(a));
  // site: another site's change, sent only to a session that reads the whole group (src/server/http.ts)
  return typeof site === 'string' ? { seq: seq as number, areas: known, site } : { seq: seq as number, areas: known };
}

const sessionMessage = (reason: string) => translate(reason === 'session_expired' ? 'error.sessionExpired' : 'error.sessionEnded');

export function createChanges(source: PushSource | null | (() => PushSource | null), timers: Timers = globalThis): Changes {
  const subscribers = new Set<{ areas: ReadonlySet<Area>; listener: ChangeListener; everySite: boolean }>();
  const stateListeners = new Set<() => void>();
  let state: PushState = 'idle';
  let stop: (() => void) | null = null;
  let retry: unknown = null;
  let retryMs = RETRY_FIRST_MS;
  let suspended = false;
  /** the live connection's number: news from an older one (closed here) is ignored */
  let connection = 0;
  let resolved: PushSource | null | undefined;
  /** the last subscriber left: closing waits a turn, so a screen replaced by the next keeps the stream */
  let closing: unknown = null;

  const sourceNow = () => {
    if (resolved === undefined) resolved = typeof source === 'function' ? source() : source;
    return resolved;
  };

  const setState = (next: PushState) => {
    if (next === state) return;
    state = next;
    for (const l of [...stateListeners]) l();
  };

  const tell = (news: Parameters<ChangeListener>[0], wants: (s: { areas: ReadonlySet<Area>; everySite: boolean }) => boolean) => {
    for (const s of [...subscribers]) if (subscribers.has(s) && wants(s)) s.listener(news);
  };

  const disconnect = () => {
    connection++;
    if (retry !== null) timers.clearTimeout(retry);
    retry = null;
    const s = stop;
    stop = null;
    s?.();
  };

  const connect = () => {
    const src = sourceNow();
    if (!src) return setState('unavailable');
    const mine = ++connection;
    let opened = false;
    const live = () => mine === connection;
    const retryLater = () => {
      const s = stop;
      stop = null;
      s?.();
      retry = timers.setTimeout(() => {
        retry = null;
        if (live() && subscribers.size > 0 && !suspended) connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
    setState('connecting');
    stop = src.connect({
      open() {
        if (!live()) return;
        opened = true;
        retryMs = RETRY_FIRST_MS;
        setState('open');
        tell({ kind: 'resync' }, () => true);
      },
      change(event) {
        if (!live()) return;
        // The web server names no site on this terminal's own changes; the desktop relays each event as the core
        // made it, naming its site: this terminal's (its chosen one), or EVERY_SITE (a PIN reset), is ours too.
        const ours = event.site === undefined || hearsChange(terminalSite() ?? undefined, event.site);
        tell({ kind: 'change', event }, (s) => (ours || s.everySite) && event.areas.some((a) => s.areas.has(a)));
      },
      down(final) {
        if (!live()) return;
        setState(opened ? 'lost' : 'unavailable');
        if (final) retryLater();
      },
      sessionEnded(reason) {
        if (!live()) return;
        setState('unavailable');
        announceSessionLost(sessionMessage(reason));
        if (live()) retryLater();
      },
    });
  };

  return {
    subscribe(areas, listener, options) {
      const entry = { areas: new Set(areas), listener, everySite: options?.everySite === true };
      if (closing !== null) timers.clearTimeout(closing);
      closing = null;
      // A stream still open (its last subscriber just left) or waiting to retry is kept as it is.
      if (subscribers.size === 0 && stop === null && retry === null) {
        if (suspended) setState('connecting');
        else connect();
      }
      // Added after connecting: a source that opens at once (the desktop bridge) has missed nothing for it.
      subscribers.add(entry);
      return () => {
        if (!subscribers.delete(entry) || subscribers.size > 0) return;
        closing = timers.setTimeout(() => {
          closing = null;
          if (subscribers.size > 0) return;
          disconnect();
          setState('idle');
        }, 0);
      };
    },
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    suspend() {
      suspended = true;
      disconnect();
      setState(subscribers.size > 0 ? 'connecting' : 'idle');
    },
    resume() {
      if (!suspended) return;
      suspended = false;
      retryMs = RETRY_FIRST_MS;
      if (subscribers.size > 0) connect();
    },
  };
}

/**
 * The stream's address, read at each (re)connect: with the terminal's site (api/client terminalSite) as `?site=`, since
 * an EventSource sends no headers of its own; the server refuses a stream whose site is not its session's.
 */
export const eventsUrl = (): string => {
  const site = terminalSite();
  return site ? `/api/events?site=${encodeURIComponent(site)}` : '/api/events';
};

/** Web mode: the server's Server-Sent Events stream. */
export function eventSourceSource(url: string | (() => string) = eventsUrl, Source: typeof EventSource = EventSource): PushSource {
  return {
    connect(sink) {
      const es = new Source(typeof url === 'function' ? url() : url);
      const parse = (e: Event): unknown => {
        try {
          return JSON.parse(String((e as MessageEvent).data));
        } catch {
          return null;
        }
      };
      es.onopen = () => sink.open();
      es.addEventListener('change', (e) => {
        const event = asChangeEvent(parse(e));
        if (event) sink.change(event);
      });
      es.addEventListener('session', (e) => {
        es.close();
        const reason = (parse(e) as { reason?: unknown } | null)?.reason;
        sink.sessionEnded(typeof reason === 'string' ? reason : '');
      });
      // CONNECTING: the browser retries by itself; CLOSED (refused, or not an event stream): it will not.
      es.onerror = () => sink.down(es.readyState === Source.CLOSED);
      return () => es.close();
    },
  };
}

/** The desktop app: the preload's onChange (absent in an old preload: then there is no push). */
export function bridgeSource(onChange: (listener: (event: unknown) => void) => () => void): PushSource {
  return {
    connect(sink) {
      const off = onChange((raw) => {
        const event = asChangeEvent(raw);
        if (event) sink.change(event);
      });
      sink.open();
      return off;
    },
  };
}

function defaultSource(): PushSource | null {
  const bridge = (globalThis as { salesdesk?: { call?: unknown; onChange?: unknown } }).salesdesk;
  if (bridge && typeof bridge.call === 'function') {
    return typeof bridge.onChange === 'function'
      ? bridgeSource(bridge.onChange.bind(bridge) as (l: (e: unknown) => void) => () => void)
      : null;
  }
  return typeof EventSource === 'function' ? eventSourceSource() : null;
}

/** This window's one subscription (the source is chosen when the first subscriber arrives). */
export const changes: Changes = createChanges(defaultSource);
