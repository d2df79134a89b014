/**
 * LAN mode over TLS, started the way `npm run web` with SALESDESK_LAN=1 starts it (listening on loopback
 * here): the certificate is made once in the data folder, served, its printed fingerprint is the one a
 * browser sees, cookies carry Secure, and a restart reuses the same certificate.
 */
import { X509Certificate } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keepServing, startWebServer, type Started } from '../../src/server/start';
import { PINS, testApp, type TestApp } from '../support/app';

let t: TestApp | null = null;
let running: Started | null = null;
afterEach(async () => {
  running?.server.close();
  running = null;
  await t?.close();
  t = null;
});

async function startLan(app: TestApp, lanHttp = false) {
  const lines: string[] = [];
  running = await startWebServer({
    app: app.app,
    dataDir: app.dir,
    staticDir: resolve('dist/renderer'),
    port: 0,
    lan: true,
    lanHttp,
    listenHost: '127.0.0.1',
    log: (l) => lines.push(l),
  });
  return { ...running, lines };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  json: any;
  peerFingerprint: string | null;
}

/** One POST; over https only a server holding the key of `ca` (the generated certificate) is accepted. */
function post(scheme: 'http' | 'https', port: number, method: string, body: unknown, origin: string, ca?: string): Promise<Answer> {
  return new Promise((done, failed) => {
    const options = {
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'Content-Type': 'application/json', Origin: origin },
      ...(ca ? { ca } : {}),
    };
    const req = (scheme === 'https' ? httpsRequest : httpRequest)(options, (res) => {
      const peer = scheme === 'https' ? (res.socket as TLSSocket).getPeerCertificate().fingerprint256 : null;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, json: JSON.parse(text), peerFingerprint: peer }));
    });
    req.on('error', failed);
    req.end(JSON.stringify(body));
  });
}

const fingerprintLine = (lines: string[]) => lines.find((l) => l.includes('SHA-256 指纹'))?.match(/([0-9A-F]{2}(:[0-9A-F]{2}){31})/)?.[1];

describe('LAN mode serves HTTPS with its own certificate', () => {
  it('answers over https with the generated certificate, whose printed fingerprint the client sees; the cookie is Secure', async () => {
    t = await testApp();
    const { port, fingerprint, lines } = await startLan(t);
    const cert = readFileSync(join(t.dir, 'tls', 'cert.pem'), 'utf8');
    expect(fingerprint).toBe(new X509Certificate(cert).fingerprint256);
    expect(fingerprintLine(lines)).toBe(fingerprint);
    expect(lines.some((l) => l.startsWith('售楼接待台（网页模式）已启动: https://'))).toBe(true);
    expect(readFileSync(join(t.dir, 'tls', 'fingerprint.txt'), 'utf8')).toContain(fingerprint!);

    const origin = `https://127.0.0.1:${port}`;
    const signIn = await post('https', port, 'session.signIn', { staffId: 'qian', pin: PINS.qian }, origin, cert);
    expect(signIn.json.ok).toBe(true);
    expect(signIn.peerFingerprint).toBe(fingerprint);
    expect(String(signIn.headers['set-cookie'])).toMatch(/^sd_session=[^;]+; HttpOnly; SameSite=Strict; Path=\/; Secure$/);
    // a page on http:// is another origin than this https server
    expect(
      (await post('https', port, 'session.signIn', { staffId: 'qian', pin: PINS.qian }, `http://127.0.0.1:${port}`, cert)).status,
    ).toBe(403);
    // the key stays readable by its owner only
    expect(statSync(join(t.dir, 'tls', 'key.pem')).mode & 0o077).toBe(0);
  });

  it('a second start reuses the same certificate', async () => {
    t = await testApp();
    const first = await startLan(t);
    expect(first.lines.some((l) => l.includes('已生成局域网证书'))).toBe(true);
    first.server.close();
    const certBefore = readFileSync(join(t.dir, 'tls', 'cert.pem'), 'utf8');
    const second = await startLan(t);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.lines.some((l) => l.includes('已生成局域网证书'))).toBe(false);
    expect(fingerprintLine(second.lines)).toBe(first.fingerprint);
    expect(readFileSync(join(t.dir, 'tls', 'cert.pem'), 'utf8')).toBe(certBefore);
    expect((await post('https', second.port, 'session.me', {}, `https://127.0.0.1:${second.port}`, certBefore)).peerFingerprint).toBe(
      first.fingerprint,
    );
  });

  it('the certificate names every name the Host check accepts: the hostname and the office’s SALESDESK_HOSTS too', async () => {
    t = await testApp();
    running = await startWebServer({
      app: t.app,
      dataDir: t.dir,
      staticDir: resolve('dist/renderer'),
      port: 0,
      lan: true,
      listenHost: '127.0.0.1',
      extraHosts: ['Sales-Office.Example'],
      log: () => undefined,
    });
    const alt = new X509Certificate(readFileSync(join(t.dir, 'tls', 'cert.pem'), 'utf8')).subjectAltName ?? '';
    expect(alt).toContain('DNS:sales-office.example');
    expect(alt).toContain(`DNS:${(await import('node:os')).hostname().toLowerCase()}`);
    expect(alt).toContain('IP Address:127.0.0.1');
  });

  it('plain HTTP on the LAN only on request (SALESDESK_LAN_HTTP=1), with a warning and no Secure cookie', async () => {
    t = await testApp();
    const { port, fingerprint, lines } = await startLan(t, true);
    expect(fingerprint).toBeNull();
    expect(lines.some((l) => l.startsWith('警告：局域网模式未加密'))).toBe(true);
    const signIn = await post('http', port, 'session.signIn', { staffId: 'qian', pin: PINS.qian }, `http://127.0.0.1:${port}`);
    expect(signIn.json.ok).toBe(true);
    expect(String(signIn.headers['set-cookie'])).not.toContain('Secure');
  });

  it('an unusable certificate in the data folder stops the start with one sentence instead of being replaced', async () => {
    t = await testApp();
    const first = await startLan(t);
    first.server.close();
    running = null;
    writeFileSync(join(t.dir, 'tls', 'key.pem'), 'not a key');
    await expect(startLan(t)).rejects.toThrow(/局域网证书无法使用/);
    expect(readFileSync(join(t.dir, 'tls', 'fingerprint.txt'), 'utf8')).toContain(first.fingerprint!);
  });
});

describe('the last resort', () => {
  it('an error no handler caught is logged in one line and the process keeps running', () => {
    const proc = new EventEmitter();
    const lines: string[] = [];
    keepServing(proc, (l) => lines.push(l));
    proc.emit('uncaughtException', new TypeError('boom\n    at somewhere (x.ts:1:1)'));
    proc.emit('unhandledRejection', 'rejected');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/uncaughtException.*TypeError: boom/);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});
