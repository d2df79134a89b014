/**
 * Web mode's front door: no request ends the process (raw sockets, so nothing is cleaned up by a client
 * library first), only the names this server answers to are accepted in Host (DNS rebinding), writes need
 * our own Origin, and one person's wrong PINs never lock a colleague out of the shared address.
 */
import { request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebServer } from '../../src/server/http';
import { createHostCheck, parseHost } from '../../src/server/hosts';
import { PINS, testApp, type TestApp } from '../support/app';
import { wordable } from '../support/refusals';
import { value } from '../support/sql';

let t: TestApp | null = null;
let server: Server | null = null;
afterEach(async () => {
  server?.close();
  server = null;
  await t?.close();
  t = null;
});

async function start(seed = true) {
  t = await testApp({ seed });
  server = createWebServer(t.app, { staticDir: resolve('dist/renderer') });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { app: t, port, self: `127.0.0.1:${port}` };
}

/** Writes exactly these bytes and returns everything the server answers before it closes. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((done, failed) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (answer += d));
    socket.on('close', () => done(answer));
    socket.on('error', failed);
  });
}

/** node:http lets a test set Host and Origin to anything, as a rebinding page or a script could. */
function post(
  port: number,
  method: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; json: any; setCookie: string[] }> {
  return new Promise((done, failed) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => done({ status: res.statusCode!, json: JSON.parse(text), setCookie: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', failed);
    req.end(JSON.stringify(body));
  });
}

const get = (port: number, path: string, host: string) =>
  new Promise<number>((done, failed) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      res.resume();
      done(res.statusCode!);
    });
    req.on('error', failed);
    req.end();
  });

const staffCount = (app: TestApp) => value<number>(app.app, sql`SELECT count(*) AS n FROM staff`);
const FIRST_ADMIN = { staff: [{ id: 'boss', name: '黄总', roles: ['admin'], pin: '135791' }] };

describe('no request ends the server', () => {
  const hostile = (self: string) => [
    `GET /% HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`,
    `GET /%zz HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`,
    `GET /api/%E0%A4%A HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`,
    `GET http://[::1 HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`,
    `GET http://evil.example/ HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`,
    `OPTIONS * HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`,
    `GET /%00 HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`,
    `GET / HTTP/1.1\r\nConnection: close\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n`,
  ];

  it('answers each malformed request with a 4xx and keeps serving', async () => {
    const { port, self } = await start();
    for (const text of hostile(self)) {
      const answer = await raw(port, text);
      expect(answer, JSON.stringify(text)).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    // the bad path forms are answered 400 with the usual error body
    expect(await raw(port, hostile(self)[0]!)).toMatch(/^HTTP\/1\.1 400 [\s\S]*"code":"validation"/);
    const alive = await post(port, 'session.me', {}, { Origin: `http://${self}` });
    expect(alive).toMatchObject({ status: 200, json: { ok: true, value: null } });
  });
});

describe('Host and Origin (DNS rebinding, cross-site writes)', () => {
  it('a rebinding page calling setup.firstRun on an empty database is refused and creates nothing', async () => {
    const { app, port, self } = await start(false);
    const evil = `evil.example:${port}`;
    const r = await post(port, 'setup.firstRun', FIRST_ADMIN, { Host: evil, Origin: `http://${evil}` });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(wordable(r.json.error)).toBe(true);
    expect(await staffCount(app)).toBe(0);
    // the same call from our own page works: the refusal was the Host, nothing else
    expect((await post(port, 'setup.firstRun', FIRST_ADMIN, { Host: self, Origin: `http://${self}` })).json.ok).toBe(true);
    expect(await staffCount(app)).toBe(1);
  });

  it('a write with no Origin is refused and changes nothing; a read without one is answered', async () => {
    const { app, port } = await start(false);
    const r = await post(port, 'setup.firstRun', FIRST_ADMIN, {});
    expect(r).toMatchObject({ status: 403, json: { ok: false, error: { code: 'permission' } } });
    expect(r.json.error.reason).toBe('untrusted_caller');
    expect(await staffCount(app)).toBe(0);
    // sign-in (kind 'file') is not a read either: a script without Origin cannot try PINs
    expect((await post(port, 'session.signIn', { staffId: 'boss', pin: '135791' }, {})).status).toBe(403);
    expect(await post(port, 'session.me', {}, {})).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('an Origin other than the Host asked for is refused, even another of our own names', async () => {
    const { app, port, self } = await start(false);
    for (const origin of [`http://localhost:${port}`, `https://${self}`, 'null', `http://${self}.evil.example`]) {
      const r = await post(port, 'setup.firstRun', FIRST_ADMIN, { Host: self, Origin: origin });
      expect(r.status, origin).toBe(403);
    }
    expect(await staffCount(app)).toBe(0);
  });

  it('static files too answer only to our names and port', async () => {
    const { port } = await start();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`])
      expect(await get(port, '/', host), host).not.toBe(403);
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `127.0.0.1.nip.io:${port}`, `[::2]:${port}`])
      expect(await get(port, '/', host), host).toBe(403);
  });

  it('LAN mode adds the machine’s own addresses and name, and rechecks them when an address is new', () => {
    let addresses = [
      { address: '192.168.1.20', family: 'IPv4' },
      { address: 'fe80::1%eth0', family: 'IPv6' },
    ];
    const interfaces = () => ({ eth0: addresses.map((a) => ({ ...a, internal: false, netmask: '', mac: '', cidr: null })) }) as never;
    const lan = createHostCheck({ lan: true, interfaces, hostname: () => 'Desk-PC', extraHosts: ['salesdesk.office'] });
    const local = createHostCheck({ lan: false, interfaces, hostname: () => 'Desk-PC' });
    for (const host of [
      '192.168.1.20:5757',
      '[fe80::1]:5757',
      'desk-pc:5757',
      'desk-pc.local:5757',
      'salesdesk.office:5757',
      '127.0.0.1:5757',
    ])
      expect(lan(host, 5757, false), host).toBe(true);
    for (const host of ['192.168.1.20:5757', 'desk-pc:5757']) expect(local(host, 5757, false), host).toBe(false);
    expect(lan('192.168.1.21:5757', 5757, false)).toBe(false);
    addresses = [{ address: '192.168.1.21', family: 'IPv4' }];
    expect(lan('192.168.1.21:5757', 5757, false)).toBe(true);
    // port: implied by the scheme when absent
    expect(lan('192.168.1.21', 443, true)).toBe(true);
    expect(lan('192.168.1.21', 5757, true)).toBe(false);
    expect(parseHost('evil.example:80@127.0.0.1')).toBeNull();
  });
});

describe('sign-in limits are per person, not per address (one address is the whole office)', () => {
  it("a colleague's ten wrong PINs do not stop another person signing in from the same address", async () => {
    const { port, self } = await start();
    const origin = { Origin: `http://${self}` };
    for (let i = 0; i < 10; i++)
      expect((await post(port, 'session.signIn', { staffId: 'wang', pin: '000000' }, origin)).json.ok).toBe(false);
    const qian = await post(port, 'session.signIn', { staffId: 'qian', pin: PINS.qian }, origin);
    expect(qian).toMatchObject({ status: 200, json: { ok: true } });
    expect(qian.setCookie.join()).toContain('sd_session=');
  });
});
