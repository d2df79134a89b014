/**
 * The core: the one entry point web mode (src/server/main.ts) and the desktop app's core process
 * (electron/core-process.ts) both start. It opens the office (src/app: database, start-up check,
 * migrations, backups), and wraps dispatch from outside so that every call is timed (the slow-call
 * trace) and every committed change is announced to the terminals (src/api/changes).
 * Sessions are not kept here: each transport keeps its own (cookies, windows) and passes one in.
 */
import { HOME_SITE } from '../domain/group';
import { AREAS, areasChangedBy, type ChangeEvent, EVERY_SITE, HEARD_AT_EVERY_SITE } from '../api/changes';
import { isMethodName, spec } from '../api/spec';
import type { ActingPerson, DispatchOutcome, Session } from '../api/session';
import { type App, type OpenAppOptions, openApp, startBackupSchedule } from '../app';

export interface CallOptions {
  /** a screen asking by itself (a timed poll), not a person: only named in the trace */
  background?: boolean;
  /** the person doing this one action at the desk station (Session.station) */
  actingAs?: ActingPerson;
  /** an office group's site the terminal signs in at (Session.site keeps it after) */
  site?: string;
}

export type ChangeListener = (event: ChangeEvent) => void;

export interface Core {
  readonly app: App;
  dispatch(session: Session | null, method: string, input: unknown, options?: CallOptions): Promise<DispatchOutcome>;
  methodNames(): string[];
  readOnlyReason(): string | null;
  /** called after each committed call that is not a read; returns the unsubscribe */
  onChange(listener: ChangeListener): () => void;
  /**
   * The clock watch: what time alone changes, with nothing written. Today that is a reception crossing the
   * policy's limit (receptionLongMinutes, announced on the desk): when the number of such receptions on the
   * public board differs from the last look, the terminals are told the roster changed — at every site of an office
   * group, each site's board and its own terminals. startCore runs it every minute; a test with an injected clock
   * moves the clock and calls it.
   */
  watchClock(): Promise<void>;
  /** stops the backup schedule, makes the quit backup (R-SEC-2) and closes the file; once, however often called */
  stop(): Promise<void>;
}

export interface TraceOptions {
  /** milliseconds from any fixed start (default performance.now); tests inject one they move */
  timer?: () => number;
  /** where a slow call is reported (default console.warn) */
  warn?: (line: string) => void;
  /** calls longer than this are reported (default 50 ms) */
  slowMs?: number;
}

export interface CoreOptions extends OpenAppOptions, TraceOptions {
  /** run the daily backup schedule (default true; off for tests that do not want its timer) */
  backups?: boolean;
  /** the backup schedule's lines (default console.log); failures of the core itself go to console.error */
  log?: (line: string) => void;
  /** how often the clock watch looks (default 60 000 ms; 0: never) */
  clockWatchMs?: number;
}

/** The clock watch's default period: a reception is announced within a minute of crossing the limit. */
export const CLOCK_WATCH_MS = 60_000;

/** Just what the core uses of an opened App, so a test can hand in a small fake. */
export type CoreApp = Pick<App, 'dispatch' | 'methodNames' | 'readOnlyReason' | 'close'> &
  Partial<Pick<App, 'backupNow' | 'dbPath' | 'backupDir' | 'changeFeed' | 'sites'>>;

const kindOf = (method: string) => (isMethodName(method) ? spec[method].kind : undefined);

/** Wraps an opened App: the trace and the change events. `stopBackups` is the schedule's stop, if one runs. */
export function createCore(app: CoreApp, options: TraceOptions & { stopBackups?: () => void; log?: (line: string) => void } = {}): Core {
  const timer = options.timer ?? (() => performance.now());
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const log = options.log ?? ((line: string) => console.error(line));
  const slowMs = options.slowMs ?? 50;
  const listeners = new Set<ChangeListener>();
  let seq = 0;
  let stopping: Promise<void> | null = null;
  /** per site (a single office: ''), the long receptions the clock watch last saw */
  const longSeen = new Map<string, number>();

  const deliver = (areas: ChangeEvent['areas'], site?: string) => {
    const event: ChangeEvent = site === undefined ? { seq: ++seq, areas } : { seq: ++seq, areas, site };
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (e) {
        // One terminal's broken listener must not fail the call that another person just made.
        log(`[salesdesk] change listener failed: ${(e as Error)?.message ?? e}`);
      }
    }
  };
  const announce = (method: string, site: string | undefined) => {
    const named = areasChangedBy(method);
    // A method missing from CHANGES (tests/unit/changes.test.ts should have caught it) re-reads everything.
    const areas = named.length > 0 ? [...named] : [...AREAS];
    deliver(areas, site);
    app.changeFeed?.publish(areas, site);
  };
  // An office group's other app servers: their changes reach this server's terminals too (each site's its own).
  const unsubscribeFeed = app.changeFeed?.subscribe((areas, site) => deliver(areas, site));

  return {
    app: app as App,
    async dispatch(session, method, input, callOptions = {}) {
      const started = timer();
      const passed = {
        ...(callOptions.actingAs ? { actingAs: callOptions.actingAs } : {}),
        ...(callOptions.site !== undefined ? { site: callOptions.site } : {}),
      };
      const outcome = Object.keys(passed).length
        ? await app.dispatch(session, method, input, passed)
        : await app.dispatch(session, method, input);
      const took = timer() - started;
      if (took > slowMs) warn(`[salesdesk] slow call ${method} ${Math.round(took)} ms${callOptions.background ? ' (background)' : ''}`);
      const kind = kindOf(method);
      // the site the call ran in: the session's, or the one a sign-in just opened (an office group's; none on a file)
      const site = (outcome.session ?? session)?.site;
      // the change some methods make is every site's (HEARD_AT_EVERY_SITE), the home site's and a single office's too
      const heardAt = HEARD_AT_EVERY_SITE.has(method) ? EVERY_SITE : site;
      if (outcome.result.ok && kind !== undefined && kind !== 'read') announce(method, heardAt);
      return outcome;
    },
    async watchClock() {
      if (stopping) return;
      // Every site of an office group has its own roster and its own terminals; a single office is one, named by no code.
      // a list that could not be read skips this look (the next minute's sees it): falling back to one unnamed
      // site would keep its count under another key than the sites' and announce a change time did not make
      let sites: { code: string }[];
      try {
        sites = (await app.sites?.()) ?? [];
      } catch {
        return;
      }
      const codes: (string | undefined)[] = sites.length > 0 ? sites.map((s) => s.code) : [undefined];
      for (const code of codes) {
        if (stopping) return;
        const { result } =
          code === undefined ? await app.dispatch(null, 'roster.board', {}) : await app.dispatch(null, 'roster.board', {}, { site: code });
        if (!result.ok) continue;
        const long = (result.value as { longReceptions?: number }).longReceptions ?? 0;
        const before = longSeen.get(code ?? '');
        longSeen.set(code ?? '', long);
        if (before !== undefined ? before !== long : long > 0) deliver(['roster'], code === HOME_SITE ? undefined : code);
      }
    },
    methodNames: () => app.methodNames(),
    readOnlyReason: () => app.readOnlyReason(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopping ??= (async () => {
        options.stopBackups?.();
        unsubscribeFeed?.();
        listeners.clear();
        // One more verified backup on quit (R-SEC-2), then close the file; a failed backup still closes.
        try {
          // an in-memory office (dbPath null) has nothing to back up; an office group's server backs up to its backupDir
          if (app.dbPath !== null || app.backupDir) await app.backupNow?.('quit');
        } catch (e) {
          log(`退出前备份失败: ${(e as Error)?.message ?? e}`);
        }
        await app.close();
      })();
      return stopping;
    },
  };
}

/** Opens the office and starts its backup schedule: what both web mode and the desktop core process run. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const {
    backups = true,
    log = (line: string) => console.log(line),
    timer,
    warn,
    slowMs,
    clockWatchMs = CLOCK_WATCH_MS,
    ...open
  } = options;
  const app = await openApp(open);
  const stopBackupSchedule = backups ? startBackupSchedule(app, log) : () => {};
  let watch: ReturnType<typeof setInterval> | null = null;
  const stopBackups = () => {
    if (watch) clearInterval(watch);
    stopBackupSchedule();
  };
  const core = createCore(app, {
    stopBackups,
    ...(timer ? { timer } : {}),
    ...(warn ? { warn } : {}),
    ...(slowMs !== undefined ? { slowMs } : {}),
  });
  if (clockWatchMs > 0) {
    watch = setInterval(
      () => void core.watchClock().catch((e: unknown) => log(`[salesdesk] clock watch failed: ${(e as Error)?.message ?? e}`)),
      clockWatchMs,
    );
    watch.unref?.();
  }
  return core;
}
