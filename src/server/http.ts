/**
 * Web mode: the same renderer and the same contract over HTTP. `POST /api/<method>` with a JSON body
 * answers the ApiResult; everything else is the built renderer. Sessions live in memory, keyed by an
 * HttpOnly SameSite=Strict cookie, so a page from another site can neither read nor ride them.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { App } from '../app';
import type { ErrorCode } from '../api/errors';
import type { Session } from '../api/session';

const MAX_BODY = 256 * 1024;
const COOKIE = 'sd_session';
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
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
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
  /** failed sign-in attempts allowed per address per minute */
  signInsPerMinute?: number;
  /** wall clock for idle timeouts and rate limits (tests move it); rules never read it */
  now?: () => number;
}

interface WebSession {
  session: Session;
  lastSeen: number;
}

export function createWebServer(app: App, options: WebOptions): Server {
  const sessions = new Map<string, WebSession>();
  const root = resolve(options.staticDir);
  const now = options.now ?? Date.now;
  const idleMs = (options.idleMinutes ?? Number(process.env.SALESDESK_IDLE_MINUTES ?? 15)) * 60_000;
  const attempts = new Map<string, number[]>();
  const signInLimit = options.signInsPerMinute ?? 10;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, code: ErrorCode, message: string) => send(res, STATUS[code], { ok: false, error: { code, message } });

  async function api(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return refuse(res, 'validation', '请使用 POST 调用接口');
    // A cross-site form cannot send application/json without a preflight we never grant: CSRF stops here.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 'validation', '请求必须是 JSON（Content-Type: application/json）');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        // Stop reading and close this connection, so the rest of the body cannot reach the next request.
        res.setHeader('Connection', 'close');
        refuse(res, 'validation', '请求内容过大');
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
      return refuse(res, 'validation', '请求内容不是有效的 JSON');
    }
    // A page from another site may not call the API even if the browser sent our cookie.
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) return refuse(res, 'permission', '拒绝来自其他网站的请求');
    // Failed sign-ins are limited per address (guessing); a busy office signing in correctly is not.
    const who = req.socket.remoteAddress ?? '?';
    const recentFailures = (attempts.get(who) ?? []).filter((t) => now() - t < 60_000);
    if (method === 'session.signIn' && recentFailures.length >= signInLimit) return refuse(res, 'permission', '登录失败次数过多，请一分钟后再试');
    const token = cookieOf(req);
    const entry = token ? sessions.get(token) : undefined;
    if (entry && now() - entry.lastSeen > idleMs) {
      sessions.delete(token!);
      if (method !== 'session.signIn') return refuse(res, 'permission', '登录已超时（长时间未操作），请重新选择操作人员并登录');
    } else if (entry) entry.lastSeen = now();
    const session = entry && sessions.has(token!) ? entry.session : null;
    const outcome = await app.dispatch(session, method, input);
    if (method === 'session.signIn' && !outcome.result.ok) attempts.set(who, [...recentFailures, now()]);
    const headers: Record<string, string> = {};
    if (outcome.session !== undefined) {
      if (token) sessions.delete(token);
      if (outcome.session) {
        const fresh = randomBytes(32).toString('base64url');
        sessions.set(fresh, { session: outcome.session, lastSeen: now() });
        headers['Set-Cookie'] = `${COOKIE}=${fresh}; HttpOnly; SameSite=Strict; Path=/`;
      } else headers['Set-Cookie'] = `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
    }
    const r = outcome.result;
    send(res, r.ok ? 200 : STATUS[r.error.code], r, headers);
  }

  function file(req: IncomingMessage, res: ServerResponse, path: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'validation', '不支持的请求');
    let target = normalize(join(root, decodeURIComponent(path)));
    if (target !== root && !target.startsWith(root + sep)) return refuse(res, 'not_found', '找不到页面');
    // Client-side routes (/, /lobby, …) all load the app shell.
    if (!existsSync(target) || statSync(target).isDirectory()) target = join(root, 'index.html');
    if (!existsSync(target)) return refuse(res, 'not_found', '界面尚未构建，请先运行 npm run build:renderer');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') return res.end();
    createReadStream(target).pipe(res);
  }

  return createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = url.pathname.startsWith('/api/') ? api(req, res, url.pathname.slice(5)) : Promise.resolve(file(req, res, url.pathname));
    handle.catch((e) => {
      console.error('[salesdesk] request failed', e);
      if (!res.headersSent) refuse(res, 'invalid_state', '服务器内部错误');
      else res.end();
    });
  });
}

function cookieOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=') || null;
  }
  return null;
}
