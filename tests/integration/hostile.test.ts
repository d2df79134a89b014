import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../src/server/http';
import { PINS, testApp, type TestApp } from '../support/app';

let t: TestApp;
let server: Server;
let base: string;
let wall = Date.parse('2026-05-08T09:00:00');
const cookies: Record<string, string> = {};
let liVisit: number;

/** Everything in the database, hashed: a refused request must leave it exactly as it was. */
const fingerprint = () => {
  const h = createHash('sha256');
  for (const { name } of t.app.handle.raw.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]) {
    h.update(name).update(JSON.stringify(t.app.handle.raw.prepare(`SELECT * FROM "${name}"`).all()));
  }
  return h.digest('hex');
};

async function post(method: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  // Origin as a browser page of ours sends it (writes without one are refused: web-guards.test.ts).
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base, ...headers }, body: body as BodyInit });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, setCookie: res.headers.get('set-cookie') };
}

async function signIn(staffId: string) {
  const r = await post('session.signIn', JSON.stringify({ staffId, pin: PINS[staffId as keyof typeof PINS] }));
  cookies[staffId] = r.setCookie!.split(';')[0]!;
}

beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  server = createWebServer(t.app, { staticDir: resolve('dist/renderer'), idleMinutes: 15, now: () => wall });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const who of ['mgr', 'qian', 'zhang', 'li']) await signIn(who);
  await post('roster.start', JSON.stringify({ order: ['zhang', 'li'] }), { Cookie: cookies.mgr! });
  await post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000001' } }), { Cookie: cookies.qian! });
  const w = await post('desk.walkIn', JSON.stringify({ customer: { name: '吴敏', phone: '13800000002' } }), { Cookie: cookies.qian! });
  liVisit = w.json.value.visitId;
});
afterAll(async () => {
  server.close();
  await t.close();
});

describe('hostile input through web mode: the right error, nothing written', () => {
  const cases: [string, () => Promise<{ status: number; json: any }>, number, string, RegExp?][] = [
    ['malformed JSON', () => post('desk.walkIn', '{"customer": {"name": "周杰", ', { Cookie: cookies.qian! }), 400, 'validation', /JSON/],
    ['not JSON at all (a form post)', () => post('desk.walkIn', 'customer=1', { Cookie: cookies.qian!, 'Content-Type': 'application/x-www-form-urlencoded' }), 400, 'validation', /JSON/],
    ['wrong types', () => post('desk.walkIn', JSON.stringify({ customer: { name: 42, phone: 13800000003 } }), { Cookie: cookies.qian! }), 400, 'validation'],
    ['an array instead of an object', () => post('desk.walkIn', JSON.stringify([1, 2, 3]), { Cookie: cookies.qian! }), 400, 'validation'],
    ['an oversized field', () => post('desk.walkIn', JSON.stringify({ customer: { name: '周'.repeat(10_000), phone: '13800000003' } }), { Cookie: cookies.qian! }), 400, 'validation', /40/],
    ['an oversized body', () => post('desk.walkIn', new Uint8Array(400 * 1024).fill(0x20), { Cookie: cookies.qian! }), 400, 'validation', /过大/],
    ['SQL injection in the phone', () => post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: "1'; DROP TABLE visits; --" } }), { Cookie: cookies.qian! }), 400, 'validation'],
    ['control characters in a name', () => post('desk.walkIn', JSON.stringify({ customer: { name: '周\u0000杰\u001b', phone: '13800000003' } }), { Cookie: cookies.qian! }), 400, 'validation', /控制字符/],
    ['an unknown method', () => post('desk.dropTables', '{}', { Cookie: cookies.qian! }), 404, 'not_found'],
    ['a prototype-polluting method name', () => post('__proto__', '{}', { Cookie: cookies.qian! }), 404, 'not_found'],
    ['no session', () => post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } })), 403, 'permission'],
    ['a forged session cookie', () => post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } }), { Cookie: 'sd_session=forged' }), 403, 'permission'],
    ["another person's reception (zhang finishing li's)", () => post('desk.finish', JSON.stringify({ visit: liVisit }), { Cookie: cookies.zhang! }), 403, 'permission'],
    ['a request from another site', () => post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } }), { Cookie: cookies.qian!, Origin: 'http://evil.example' }), 403, 'permission', /其他网站/],
  ];
  for (const [what, send, status, code, message] of cases) {
    it(what, async () => {
      const before = fingerprint();
      const r = await send();
      expect(r.status).toBe(status);
      expect(r.json).toMatchObject({ ok: false, error: { code } });
      if (message) expect(r.json.error.message).toMatch(message);
      expect(r.json.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(fingerprint()).toBe(before);
    });
  }

  it('an SQL-injection string searched for is only text: answered, nothing changed', async () => {
    const before = fingerprint();
    const r = await post('customer.search', JSON.stringify({ q: "'; DROP TABLE customers; --" }), { Cookie: cookies.qian! });
    expect(r.json).toEqual({ ok: true, value: [] });
    expect(fingerprint()).toBe(before);
  });

  it('GET on the API and a path escaping the app folder are refused', async () => {
    expect((await fetch(`${base}/api/roster.today`)).status).toBe(400);
    const res = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('security headers on every answer', async () => {
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await post('session.signIn', JSON.stringify({ staffId: 'qian', pin: PINS.qian }));
    expect(api.setCookie).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('a session ends after 15 idle minutes, changing nothing', async () => {
    await signIn('qian');
    wall += 16 * 60_000;
    const before = fingerprint();
    const r = await post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } }), { Cookie: cookies.qian! });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toContain('登录已超时');
    expect(fingerprint()).toBe(before);
    // and it stays ended
    expect((await post('roster.today', '{}', { Cookie: cookies.qian! })).json.error.code).toBe('permission');
  });

  // Sign-in limits are per person now (one address is the whole office): see web-guards.test.ts.
});
