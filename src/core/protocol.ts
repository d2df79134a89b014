/**
 * The messages between the desktop app's main process and its core process (an Electron utilityProcess):
 * open the office, calls and their replies, change events, quit. Both ends check every message they get:
 * the other side is our own code, but a message that is not what we expect must be logged and answered,
 * never crash the core or leave a window waiting forever. Transport-free (a Port), so tests run both ends
 * over an in-process channel.
 */
import type { ChangeEvent } from '../api/changes';
import type { ApiResult } from '../api/errors';
import type { ActingPerson, DispatchOutcome, Session } from '../api/session';
import type { CallOptions, Core, CoreOptions } from './index';

export interface Port {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface OpenOptions {
  dbPath: string;
  /** the Electron build of better-sqlite3 (the core process loads it, not main) */
  nativeBinding?: string;
}

export type ToCore =
  | ({ type: 'open' } & OpenOptions)
  | { type: 'call'; id: number; session: Session | null; method: string; input: unknown; background: boolean; actingAs?: ActingPerson }
  | { type: 'quit' };

export type FromCore =
  | { type: 'ready'; methods: string[]; readOnly: string | null }
  | { type: 'open-failed'; message: string }
  | { type: 'reply'; id: number; outcome: DispatchOutcome }
  | { type: 'change'; event: ChangeEvent }
  | { type: 'closed' };

/** What a window is told when the core process is gone (crashed, killed): nothing it asks can be done. */
export const CORE_LOST_MESSAGE = '数据库进程已意外退出，操作未完成。请关闭并重新启动 Salesdesk；如再次出现请联系管理员。';

type CoreReason = 'core_lost' | 'core_opening' | 'core_quitting' | 'internal';
/** The core's own refusals carry a reason the renderer words; the Chinese message stays for logs and the CLI. */
const refusal = (message: string, reason: CoreReason = 'core_lost'): DispatchOutcome => ({
  result: {
    ok: false,
    error: { code: 'invalid_state', reason, message, ...(reason === 'internal' ? { params: { detail: 'core' } } : {}) },
  },
});
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isSession = (v: unknown): v is Session | null =>
  v === null ||
  (isObject(v) &&
    typeof v.staffId === 'string' &&
    (v.epoch === undefined || Number.isSafeInteger(v.epoch)) &&
    (v.station === undefined || (isObject(v.station) && typeof v.station.day === 'string')));
const isActingPerson = (v: unknown): v is ActingPerson => isObject(v) && typeof v.staffId === 'string' && typeof v.pin === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** A message for the core, or why it is not one (with its id when it had one, so the caller is answered). */
export function parseToCore(m: unknown): ToCore | { malformed: string; id?: number } {
  if (!isObject(m)) return { malformed: 'not an object' };
  switch (m.type) {
    case 'open':
      if (typeof m.dbPath !== 'string' || (m.nativeBinding !== undefined && typeof m.nativeBinding !== 'string'))
        return { malformed: 'open without a database path' };
      return { type: 'open', dbPath: m.dbPath, ...(m.nativeBinding !== undefined ? { nativeBinding: m.nativeBinding as string } : {}) };
    case 'call':
      if (!isId(m.id)) return { malformed: 'call without an id' };
      if (typeof m.method !== 'string' || !isSession(m.session) || typeof m.background !== 'boolean')
        return { malformed: 'call with bad fields', id: m.id };
      if (m.actingAs !== undefined && !isActingPerson(m.actingAs)) return { malformed: 'call with bad fields', id: m.id };
      return {
        type: 'call',
        id: m.id,
        session: m.session,
        method: m.method,
        input: m.input,
        background: m.background,
        ...(m.actingAs ? { actingAs: m.actingAs } : {}),
      };
    case 'quit':
      return { type: 'quit' };
    default:
      return { malformed: `unknown type ${JSON.stringify(String(m.type)).slice(0, 40)}` };
  }
}

function isOutcome(v: unknown): v is DispatchOutcome {
  if (!isObject(v) || !isObject(v.result)) return false;
  const r = v.result as Partial<ApiResult<unknown>> & Record<string, unknown>;
  const resultOk =
    r.ok === true
      ? 'value' in r
      : r.ok === false && isObject(r.error) && typeof r.error.code === 'string' && typeof r.error.message === 'string';
  return resultOk && (v.session === undefined || isSession(v.session));
}

function isChangeEvent(v: unknown): v is ChangeEvent {
  return isObject(v) && isId(v.seq) && isStringList(v.areas);
}

export function parseFromCore(m: unknown): FromCore | { malformed: string } {
  if (!isObject(m)) return { malformed: 'not an object' };
  switch (m.type) {
    case 'ready':
      return isStringList(m.methods) && (m.readOnly === null || typeof m.readOnly === 'string')
        ? { type: 'ready', methods: m.methods, readOnly: m.readOnly }
        : { malformed: 'ready with bad fields' };
    case 'open-failed':
      return typeof m.message === 'string' ? { type: 'open-failed', message: m.message } : { malformed: 'open-failed without a message' };
    case 'reply':
      return isId(m.id) && isOutcome(m.outcome) ? { type: 'reply', id: m.id, outcome: m.outcome } : { malformed: 'reply with bad fields' };
    case 'change':
      return isChangeEvent(m.event) ? { type: 'change', event: m.event } : { malformed: 'change with a bad event' };
    case 'closed':
      return { type: 'closed' };
    default:
      return { malformed: `unknown type ${JSON.stringify(String(m.type)).slice(0, 40)}` };
  }
}

/** The core process's side: opens the office when asked, answers calls, forwards change events, closes on quit. */
export function serveCore(
  port: Port,
  start: (options: CoreOptions) => Promise<Core>,
  log: (line: string) => void = (l) => console.error(l),
): void {
  let opening: Promise<Core | null> | null = null;
  let core: Core | null = null;
  let quitting = false;
  const send = (message: FromCore) => port.post(message);
  const reply = (id: number, outcome: DispatchOutcome) => {
    try {
      send({ type: 'reply', id, outcome });
    } catch (e) {
      // A value the channel cannot carry is a bug in a service; the window still gets an answer.
      log(`[salesdesk core] reply ${id} could not be sent: ${(e as Error)?.message ?? e}`);
      send({ type: 'reply', id, outcome: refusal('系统内部错误，结果无法传回界面，请重试；如仍失败请联系管理员', 'internal') });
    }
  };

  port.onMessage((raw) => {
    const m = parseToCore(raw);
    if ('malformed' in m) {
      log(`[salesdesk core] ignored a malformed message: ${m.malformed}`);
      if (m.id !== undefined) reply(m.id, refusal('系统内部错误（消息格式不正确），操作未完成', 'internal'));
      return;
    }
    if (m.type === 'open') {
      if (opening) return log('[salesdesk core] asked to open twice: ignored');
      const { type: _type, ...options } = m;
      opening = start(options).then(
        (opened) => {
          core = opened;
          opened.onChange((event) => send({ type: 'change', event }));
          send({ type: 'ready', methods: opened.methodNames(), readOnly: opened.readOnlyReason() });
          return opened;
        },
        (e: unknown) => {
          send({ type: 'open-failed', message: e instanceof Error ? e.message : String(e) });
          return null;
        },
      );
    } else if (m.type === 'call') {
      if (quitting) return reply(m.id, refusal('程序正在退出，操作未完成', 'core_quitting'));
      if (!core) return reply(m.id, refusal('数据库尚未打开，请稍候再试', 'core_opening'));
      const options: CallOptions = { background: m.background, ...(m.actingAs ? { actingAs: m.actingAs } : {}) };
      core.dispatch(m.session, m.method, m.input, options).then(
        (outcome) => reply(m.id, outcome),
        (e: unknown) => {
          log(`[salesdesk core] ${m.method} failed: ${(e as Error)?.message ?? e}`);
          reply(m.id, refusal('系统内部错误，操作未完成，请重试；如仍失败请联系管理员', 'internal'));
        },
      );
    } else {
      if (quitting) return;
      quitting = true;
      void (opening ?? Promise.resolve(null))
        .then((opened) => opened?.stop())
        .catch((e: unknown) => log(`[salesdesk core] closing failed: ${(e as Error)?.message ?? e}`))
        .finally(() => send({ type: 'closed' }));
    }
  });
}

export interface CoreClient {
  /** resolves once the core opened the office; rejects with the core's reason (or when it died first) */
  open(options: OpenOptions): Promise<{ methods: string[]; readOnly: string | null }>;
  dispatch(session: Session | null, method: string, input: unknown, options?: CallOptions): Promise<DispatchOutcome>;
  methodNames(): string[];
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** asks the core for its quit backup and close; resolves when it says closed, or is gone */
  quit(): Promise<void>;
  /** the core process is gone: every waiting and later call is answered CORE_LOST_MESSAGE */
  lost(): void;
  readonly alive: boolean;
}

/** The main process's side: the relay's backend (electron/ipc.ts ApiBackend) and the quit handshake. */
export function connectCore(port: Port, log: (line: string) => void = (l) => console.error(l)): CoreClient {
  let nextId = 1;
  let alive = true;
  let methods: string[] = [];
  const pending = new Map<number, (outcome: DispatchOutcome) => void>();
  const listeners = new Set<(event: ChangeEvent) => void>();
  let opened: { resolve: (v: { methods: string[]; readOnly: string | null }) => void; reject: (e: Error) => void } | null = null;
  let closed: (() => void) | null = null;
  let quitting: Promise<void> | null = null;

  port.onMessage((raw) => {
    const m = parseFromCore(raw);
    if ('malformed' in m) return log(`[salesdesk] ignored a malformed message from the core: ${m.malformed}`);
    switch (m.type) {
      case 'ready':
        methods = m.methods;
        opened?.resolve({ methods: m.methods, readOnly: m.readOnly });
        opened = null;
        return;
      case 'open-failed':
        opened?.reject(new Error(m.message));
        opened = null;
        return;
      case 'reply': {
        const answer = pending.get(m.id);
        if (!answer) return log(`[salesdesk] the core answered call ${m.id}, which nobody waits for`);
        pending.delete(m.id);
        return answer(m.outcome);
      }
      case 'change':
        for (const listener of [...listeners]) listener(m.event);
        return;
      case 'closed':
        closed?.();
        return;
    }
  });

  return {
    get alive() {
      return alive;
    },
    open(options) {
      if (!alive) return Promise.reject(new Error(CORE_LOST_MESSAGE));
      return new Promise((resolve, reject) => {
        opened = { resolve, reject };
        port.post({ type: 'open', ...options } satisfies ToCore);
      });
    },
    dispatch(session, method, input, options = {}) {
      if (!alive) return Promise.resolve(refusal(CORE_LOST_MESSAGE));
      const id = nextId++;
      return new Promise<DispatchOutcome>((resolve) => {
        pending.set(id, resolve);
        try {
          port.post({
            type: 'call',
            id,
            session,
            method,
            input,
            background: options.background === true,
            ...(options.actingAs ? { actingAs: options.actingAs } : {}),
          } satisfies ToCore);
        } catch (e) {
          // an input the channel cannot carry (the renderer's values always can: they came over IPC)
          pending.delete(id);
          log(`[salesdesk] call ${method} could not be sent to the core: ${(e as Error)?.message ?? e}`);
          resolve(refusal('系统内部错误，操作未完成，请重试；如仍失败请联系管理员', 'internal'));
        }
      });
    },
    methodNames: () => methods,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    quit() {
      quitting ??= alive
        ? new Promise<void>((resolve) => {
            closed = resolve;
            port.post({ type: 'quit' } satisfies ToCore);
          })
        : Promise.resolve();
      return quitting;
    },
    lost() {
      if (!alive) return;
      alive = false;
      for (const answer of pending.values()) answer(refusal(CORE_LOST_MESSAGE));
      pending.clear();
      opened?.reject(new Error(CORE_LOST_MESSAGE));
      opened = null;
      closed?.();
    },
  };
}
