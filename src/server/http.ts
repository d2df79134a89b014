/**
 * Web mode: the same renderer and the same contract over HTTP (HTTPS in LAN mode). `POST /api/<method>`
 * with a JSON body answers the ApiResult; everything else is the built renderer. Sessions live in memory,
 * keyed by an HttpOnly SameSite=Strict cookie (Secure over TLS), so a page from another site can neither
 * read nor ride them.
 *
 * `GET /api/events` is the signed-in page's Server-Sent Events stream of change events (src/api/changes):
 * which areas another terminal just changed, so the page re-reads them. Holding it open is not use of the
 * session: the idle sign-out still ends it, and the stream then says so and closes.
 *
 * Every request, the static files included, must name this server in `Host` (src/server/hosts.ts: DNS
 * rebinding), and an API call that is not a read must carry an `Origin` equal to that host. Nothing a
 * request contains may end the process: each one is answered, at worst with 400 or 500.
 */
import { HOME_SITE } from '../domain/group';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type ChangeEvent, hearsChange } from '../api/changes';
import { can, spec } from '../api/spec';
import { type ErrorCode, type ErrorParams, errorBody, refuse as refuseWith } from '../api/errors';
import type { ErrorReason } from '../api/reasons';
import type { ActingPerson, DispatchOutcome, Session } from '../api/session';
import { createHostCheck } from './hosts';

const MAX_BODY = 256 * 1024;
const COOKIE = 'sd_session';
/** Sent by the renderer's timed polls: a screen asking by itself is not a person using it. */
export const BACKGROUND_HEADER = 'x-salesdesk-background';
/** the desk station's one action by a named person: their staff id and PIN (percent-encoded), never kept */
export const ACTING_STAFF_HEADER = 'x-salesdesk-acting-staff';
export const ACTING_PIN_HEADER = 'x-salesdesk-acting-pin';
/** the site (an office group's 售楼处 code) a terminal signs in at, before it has a session: the session then keeps it */
export const SITE_HEADER = 'x-salesdesk-site';
export const EVENTS_PATH = '/api/events';
const STATUS: Record<ErrorCode, number> = { validation: 400, permission: 403, not_found: 404, conflict: 409, invalid_state: 422 };
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export interface WebOptions {
  /** folder of the built renderer (vite build output) */
  staticDir: string;
  /** a session ends after this long without a request (the shared desk terminal: default 15 minutes) */
  idleMinutes?: number;
  /** wall clock for idle timeouts (tests move it); rules never read it */
  now?: () => number;
  /** LAN mode: the machine's own addresses and hostname are accepted in Host, not only the loopback names */
  lan?: boolean;
  /** further Host names the office reaches this machine by (SALESDESK_HOSTS) */
  extraHosts?: readonly string[];
  /** serve HTTPS with this certificate (LAN mode, src/server/tls.ts); cookies then carry Secure */
  tls?: { key: string; cert: string };
  /** a `: ping` comment this often keeps an events stream open through proxies (default 25 s) */
  pingMs?: number;
  /**
   * where sessions live: this process's memory by default; an office group's app servers share theirs in the
   * database (src/db/web-sessions.ts), so a terminal may reach any of them.
   */
  sessions?: SessionStore;
}

/** What web mode needs of the core (src/core); a bare App (some tests, the bench) has no change events. */
export interface WebBackend {
  dispatch(
    session: Session | null,
    method: string,
    input: unknown,
    options?: { background?: boolean; actingAs?: ActingPerson; site?: string },
  ): Promise<DispatchOutcome>;
  onChange?(listener: (event: ChangeEvent) => void): () => void;
}

interface WebSession {
  session: Session;
  lastSeen: number;
}

export interface SessionStore {
  get(token: string): Promise<WebSession | undefined>;
  put(token: string, entry: WebSession): Promise<void>;
  touch(token: string, lastSeen: number): Promise<void>;
  delete(token: string): Promise<void>;
}

export function memorySessions(): SessionStore {
  const map = new Map<string, WebSession>();
  return {
    get: async (token) => map.get(token),
    put: async (token, entry) => void map.set(token, entry),
    touch: async (token, lastSeen) => {
      const entry = map.get(token);
      if (entry) entry.lastSeen = lastSeen;
    },
    delete: async (token) => void map.delete(token),
  };
}

export function createWebServer(app: WebBackend, options: WebOptions): Server {
  const sessions = options.sessions ?? memorySessions();
  /** open events streams: the session token each belongs to, and how to close it */
  const streams = new Map<ServerResponse, { token: string; close: (reason: string | null) => void }>();
  const pingMs = options.pingMs ?? 25_000;
  const root = resolve(options.staticDir);
  const now = options.now ?? Date.now;
  const idleMs = (options.idleMinutes ?? Number(process.env.SALESDESK_IDLE_MINUTES ?? 15)) * 60_000;
  const secure = options.tls !== undefined;
  const scheme = secure ? 'https' : 'http';
  const cookieFlags = `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
  const ourHost = createHostCheck({ lan: options.lan ?? false, extraHosts: options.extraHosts ?? [] });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, code: ErrorCode, message: string) =>
    send(res, STATUS[code], { ok: false, error: { code, reason: 'legacy', message } });
  const refuseFor = (res: ServerResponse, reason: ErrorReason, params?: ErrorParams) => {
    const body = errorBody(refuseWith(reason, params));
    return send(res, STATUS[body.code], { ok: false, error: body });
  };
  // The desk station stands for nobody, so it has no one to sign out when idle; it closes with its day (dispatch).
  const idle = (entry: WebSession) => !entry.session.station && now() - entry.lastSeen > idleMs;
  /**
   * Every way a session ends comes here, so its events streams here are told and closed with it (another app
   * server's streams of the same session find it gone at their next ping or event).
   */
  const endSession = async (token: string) => {
    for (const [, stream] of streams) if (stream.token === token) stream.close('session_expired');
    await sessions.delete(token);
  };

  /**
   * The change events stream. Same Host check as every request (handle), same cookie as the API; a
   * cross-site EventSource is refused by Origin (and gets no SameSite=Strict cookie anyway).
   */
  async function events(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET') return refuseFor(res, 'body_invalid');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `${scheme}://${req.headers.host}`) return refuseFor(res, 'untrusted_caller');
    const token = cookieOf(req);
    const entry = token ? await sessions.get(token) : undefined;
    if (!token || !entry) return refuseFor(res, 'not_signed_in');
    if (idle(entry)) {
      await endSession(token);
      return refuseFor(res, 'session_expired');
    }
    // The terminal names its site (?site=, an EventSource sends no headers): a stream for another site than the
    // session's is not this session's (the terminal chose another site since): it is told to sign in again.
    const asked = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('site');
    if (asked !== null && asked !== (entry.session.site ?? HOME_SITE)) return refuseFor(res, 'not_signed_in');
    // Never entry.lastSeen = now(): an open screen is not a person at the desk.
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.write(': ping\n\n'); // sends the headers now, so the page knows it is subscribed
    // The idle limit passes without any request; each event and ping checks it, so the stream ends within one ping of it.
    const alive = async () => {
      const now = await sessions.get(token);
      if (!now) {
        close('session_expired');
        return false;
      }
      if (!idle(now)) return true;
      await endSession(token);
      return false;
    };
    // Checked in order, one at a time: an event must not overtake the check before it.
    // The page may leave while a check awaits the session store: whatever is written then goes nowhere.
    const send = (text: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    };
    let checks = Promise.resolve();
    const whenAlive = (text: () => string) => {
      checks = checks
        .then(async () => {
          if (streams.has(res) && (await alive()) && streams.has(res)) send(text());
        })
        .catch(() => close(null));
    };
    // An office group's site hears only its own changes: the session's site is the one its calls run in. A person who
    // reads the whole group (the group screen: group.statements' roles) hears the other sites' too, each named by its
    // site, so that screen re-reads when any site changes; the site's own screens ignore them (renderer/api/changes).
    const site = entry.session.site;
    const me = (await app.dispatch(entry.session, 'session.me', {}, { background: true })).result;
    const readsGroup = me.ok && can(me.value as Parameters<typeof can>[0], 'group.statements');
    const off = app.onChange?.((event) => {
      if (hearsChange(site, event.site))
        whenAlive(() => `event: change\ndata: ${JSON.stringify({ seq: event.seq, areas: event.areas })}\n\n`);
      else if (readsGroup)
        whenAlive(
          () => `event: change\ndata: ${JSON.stringify({ seq: event.seq, areas: event.areas, site: event.site ?? HOME_SITE })}\n\n`,
        );
    });
    const ping = setInterval(() => whenAlive(() => ': ping\n\n'), pingMs);
    ping.unref?.();
    const close = (reason: string | null) => {
      if (!streams.delete(res)) return;
      clearInterval(ping);
      off?.();
      if (reason) send(`event: session\ndata: ${JSON.stringify({ reason })}\n\n`);
      if (!res.writableEnded) res.end();
    };
    streams.set(res, { token, close });
    res.on('error', () => close(null));
    res.on('close', () => close(null));
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return refuseFor(res, 'body_invalid');
    // A cross-site form cannot send application/json without a preflight we never grant: CSRF stops here.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuseFor(res, 'body_invalid');
    // A page from another site may not call the API even if the browser sent our cookie; browsers send
    // Origin with every POST, so a change with none comes from a script outside any browser page.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `${scheme}://${req.headers.host}`) return refuseFor(res, 'untrusted_caller');
    const kind = Object.hasOwn(spec, method) ? spec[method as keyof typeof spec].kind : undefined;
    if (origin === undefined && kind !== 'read') return refuseFor(res, 'untrusted_caller');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        // Stop reading and close this connection, so the rest of the body cannot reach the next request.
        res.setHeader('Connection', 'close');
        refuseFor(res, 'body_invalid');
        res.on('finish', () => req.destroy());
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let input: unknown;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return refuseFor(res, 'body_invalid');
    }
    // Wrong PINs are counted per person by session.signIn itself: the whole office may share 127.0.0.1,
    // so counting per address would let one person's typos lock everyone out.
    const token = cookieOf(req);
    const entry = token ? await sessions.get(token) : undefined;
    // Only a person's requests keep a session alive; a timed poll is still told when it has ended.
    const background = req.headers[BACKGROUND_HEADER] === '1';
    let session: Session | null = entry?.session ?? null;
    if (entry && idle(entry)) {
      await endSession(token!);
      session = null;
      if (method !== 'session.signIn') return refuseFor(res, 'session_expired');
    } else if (entry && !background) await sessions.touch(token!, now());
    const actingAs = actingPersonOf(req);
    if (actingAs === 'malformed') return refuseFor(res, 'body_invalid');
    const siteAsked = req.headers[SITE_HEADER];
    const site = typeof siteAsked === 'string' && siteAsked !== '' ? siteAsked.slice(0, 40) : undefined;
    const outcome = await app.dispatch(session, method, input, {
      background,
      ...(actingAs ? { actingAs } : {}),
      ...(site ? { site } : {}),
    });
    const headers: Record<string, string> = {};
    if (outcome.session !== undefined) {
      if (token) await endSession(token);
      if (outcome.session) {
        const fresh = randomBytes(32).toString('base64url');
        await sessions.put(fresh, { session: outcome.session, lastSeen: now() });
        headers['Set-Cookie'] = `${COOKIE}=${fresh}; ${cookieFlags}`;
      } else headers['Set-Cookie'] = `${COOKIE}=; ${cookieFlags}; Max-Age=0`;
    }
    const r = outcome.result;
    send(res, r.ok ? 200 : STATUS[r.error.code], r, headers);
  }

  async function file(req: IncomingMessage, res: ServerResponse, path: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'validation', '不支持的请求');
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return refuse(res, 'validation', '请求地址无效');
    }
    if (decoded.includes('\0')) return refuse(res, 'validation', '请求地址无效');
    let target = normalize(join(root, decoded));
    if (target !== root && !target.startsWith(root + sep)) return refuse(res, 'not_found', '找不到页面');
    // Client-side routes (/, /lobby, …) all load the app shell.
    if (!existsSync(target) || statSync(target).isDirectory()) target = join(root, 'index.html');
    if (!existsSync(target)) return refuse(res, 'not_found', '界面尚未构建，请先运行 npm run build:renderer');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') return res.end();
    // pipeline, not pipe: a read error (file replaced mid-read) rejects here instead of being thrown.
    await pipeline(createReadStream(target), res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Browsers send a path ("/…"); any other form (absolute URL, "*") is not for us, and never parsed.
    const target = req.url ?? '';
    if (!target.startsWith('/') || target.startsWith('//')) return refuse(res, 'validation', '请求地址无效');
    if (!ourHost(req.headers.host, req.socket.localPort ?? 0, secure)) return refuseFor(res, 'untrusted_caller');
    const path = target.split(/[?#]/, 1)[0]!;
    if (path === EVENTS_PATH) await events(req, res);
    else if (path.startsWith('/api/')) await api(req, res, path.slice(5));
    else await file(req, res, path);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // handle is async, so whatever it throws (synchronously or not) arrives here as a rejection.
    handle(req, res).catch((e) => {
      console.error('[salesdesk] request failed:', (e as Error)?.message ?? e);
      if (!res.headersSent) refuseFor(res, 'internal');
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : createHttpServer(onRequest);
  // An events stream never ends by itself, and close() waits for every open connection: end them first.
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    for (const [, stream] of streams) stream.close(null);
    return close(callback);
  }) as Server['close'];
  return server;
}

function actingPersonOf(req: IncomingMessage): ActingPerson | null | 'malformed' {
  const staff = req.headers[ACTING_STAFF_HEADER];
  const pin = req.headers[ACTING_PIN_HEADER];
  if (staff === undefined && pin === undefined) return null;
  if (typeof staff !== 'string' || typeof pin !== 'string') return 'malformed';
  try {
    return { staffId: decodeURIComponent(staff), pin: decodeURIComponent(pin) };
  } catch {
    return 'malformed';
  }
}

function cookieOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=') || null;
  }
  return null;
}
