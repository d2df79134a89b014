/**
 * Starting web mode, apart from main.ts's environment reading so a test can start it exactly as an office
 * does: loopback-only HTTP by default; in LAN mode HTTPS with the data folder's certificate (made on the
 * first LAN start), whose fingerprint is printed for the other terminals to compare; plain HTTP on the LAN
 * only when the office opts out explicitly, with a warning every start.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createWebServer, type SessionStore, type WebBackend } from './http';
import { loadOrCreateCertificate } from './tls';

export interface StartOptions {
  /** the core (src/core startCore); tests may pass a bare App, which sends no change events */
  app: WebBackend;
  dataDir: string;
  staticDir: string;
  port: number;
  /** SALESDESK_LAN=1: other machines on the office network may open it */
  lan: boolean;
  /** SALESDESK_LAN_HTTP=1: LAN mode without TLS (PINs and cookies in clear) */
  lanHttp?: boolean;
  /** listening address; default 0.0.0.0 in LAN mode, else 127.0.0.1 (tests listen on loopback in LAN mode) */
  listenHost?: string;
  /** SALESDESK_HOSTS: further names the office reaches this machine by */
  extraHosts?: readonly string[];
  log?: (line: string) => void;
  now?: () => number;
  /** an office group's shared sessions (src/db/web-sessions.ts); default: this process's memory */
  sessions?: SessionStore;
}

export interface Started {
  server: Server;
  port: number;
  /** SHA-256 of the LAN certificate (null: no TLS) */
  fingerprint: string | null;
}

export async function startWebServer(o: StartOptions): Promise<Started> {
  const log = o.log ?? ((line: string) => console.log(line));
  const tls = o.lan && !o.lanHttp ? await loadOrCreateCertificate(o.dataDir, new Date(), o.extraHosts ?? []) : null;
  const scheme = tls ? 'https' : 'http';
  const server = createWebServer(o.app, {
    staticDir: o.staticDir,
    lan: o.lan,
    extraHosts: o.extraHosts ?? [],
    ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
    ...(o.now ? { now: o.now } : {}),
    ...(o.sessions ? { sessions: o.sessions } : {}),
  });
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(o.port, o.listenHost ?? (o.lan ? '0.0.0.0' : '127.0.0.1'), () => {
      server.off('error', failed);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log(`售楼接待台（网页模式）已启动: ${scheme}://127.0.0.1:${port}/`);
  log(`Salesdesk web mode: ${scheme}://127.0.0.1:${port}/  (data: ${o.dataDir})`);
  if (o.lan) {
    // LAN access is the office's explicit choice: say exactly which addresses the other desks should open.
    const lan = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => `${scheme}://${i!.address}:${port}/`);
    log(`局域网访问已开启 (LAN access on)，其他电脑请打开: ${lan.join('  ') || '（未找到局域网地址）'}`);
  }
  if (tls) {
    if (tls.created) log(`已生成局域网证书 (new TLS certificate): ${tls.dir}`);
    log(`局域网证书 SHA-256 指纹 (TLS certificate fingerprint): ${tls.fingerprint}`);
    log(
      '其他电脑第一次打开时浏览器会提示证书不受信任：请在浏览器的证书详情中核对 SHA-256 指纹与上面一致后再继续 (compare it before trusting)',
    );
  } else if (o.lan) {
    log(
      '警告：局域网模式未加密（SALESDESK_LAN_HTTP=1），PIN 和登录凭据以明文在网络上传输；请去掉该设置以使用 HTTPS (WARNING: LAN mode over plain HTTP)',
    );
  }
  return { server, port, fingerprint: tls?.fingerprint ?? null };
}

/**
 * The last resort: a bug that escapes every request handler is logged in one line and the server goes on
 * answering, instead of one stray error closing the office's desks.
 */
export function keepServing(proc: Pick<NodeJS.EventEmitter, 'on'>, log: (line: string) => void = (l) => console.error(l)): void {
  const line = (what: string, e: unknown) =>
    log(
      `[salesdesk] ${what}（已记录，服务继续运行）: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.replace(
        /\s*\n\s*/g,
        ' ',
      ),
    );
  proc.on('uncaughtException', (e: unknown) => line('未处理的错误 uncaughtException', e));
  proc.on('unhandledRejection', (e: unknown) => line('未处理的 Promise 拒绝 unhandledRejection', e));
}
