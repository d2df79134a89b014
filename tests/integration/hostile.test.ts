import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { month, personName, phone, recordId, staffId } from '../../src/api/schemas';
import { createWebServer } from '../../src/server/http';
import { PINS, testApp, type TestApp } from '../support/app';
import { wordable } from '../support/refusals';
import { changeCounter, contentDigest } from '../support/row-counts';

let t: TestApp;
let server: Server;
let base: string;
let wall = Date.parse('2026-05-08T09:00:00');
const cookies: Record<string, string> = {};
let liVisit: number;

/** Everything in the database, hashed: a refused request must leave it exactly as it was. */
const fingerprint = () => contentDigest(t.app);

async function post(method: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  // Origin as a browser page of ours sends it (writes without one are refused: web-guards.test.ts).
  const res = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base, ...headers },
    body: body as BodyInit,
  });
  const text = await res.text();
  let json: any;
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
    [
      'malformed JSON',
      () => post('desk.walkIn', '{"customer": {"name": "周杰", ', { Cookie: cookies.qian! }),
      400,
      'validation',
      /body_invalid/,
    ],
    [
      'not JSON at all (a form post)',
      () => post('desk.walkIn', 'customer=1', { Cookie: cookies.qian!, 'Content-Type': 'application/x-www-form-urlencoded' }),
      400,
      'validation',
      /body_invalid/,
    ],
    [
      'wrong types',
      () => post('desk.walkIn', JSON.stringify({ customer: { name: 42, phone: 13800000003 } }), { Cookie: cookies.qian! }),
      400,
      'validation',
    ],
    ['an array instead of an object', () => post('desk.walkIn', JSON.stringify([1, 2, 3]), { Cookie: cookies.qian! }), 400, 'validation'],
    [
      'an oversized field',
      () =>
        post('desk.walkIn', JSON.stringify({ customer: { name: '周'.repeat(10_000), phone: '13800000003' } }), { Cookie: cookies.qian! }),
      400,
      'validation',
      /40/,
    ],
    [
      'an oversized body',
      () => post('desk.walkIn', new Uint8Array(400 * 1024).fill(0x20), { Cookie: cookies.qian! }),
      400,
      'validation',
      /body_invalid/,
    ],
    [
      'SQL injection in the phone',
      () =>
        post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: "1'; DROP TABLE visits; --" } }), { Cookie: cookies.qian! }),
      400,
      'validation',
    ],
    [
      'control characters in a name',
      () =>
        post('desk.walkIn', JSON.stringify({ customer: { name: '周\u0000杰\u001b', phone: '13800000003' } }), { Cookie: cookies.qian! }),
      400,
      'validation',
      /text_control/,
    ],
    ['an unknown method', () => post('desk.dropTables', '{}', { Cookie: cookies.qian! }), 404, 'not_found'],
    ['a prototype-polluting method name', () => post('__proto__', '{}', { Cookie: cookies.qian! }), 404, 'not_found'],
    ['no session', () => post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } })), 403, 'permission'],
    [
      'a forged session cookie',
      () => post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } }), { Cookie: 'sd_session=forged' }),
      403,
      'permission',
    ],
    [
      "another person's reception (zhang finishing li's)",
      () => post('desk.finish', JSON.stringify({ visit: liVisit }), { Cookie: cookies.zhang! }),
      403,
      'permission',
    ],
    [
      'a request from another site',
      () =>
        post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } }), {
          Cookie: cookies.qian!,
          Origin: 'http://evil.example',
        }),
      403,
      'permission',
      /untrusted_caller/,
    ],
  ];
  for (const [what, send, status, code, message] of cases) {
    it(what, async () => {
      const before = await fingerprint();
      const r = await send();
      expect(r.status).toBe(status);
      expect(r.json).toMatchObject({ ok: false, error: { code } });
      if (message) expect(JSON.stringify(r.json.error)).toMatch(message);
      expect(wordable(r.json.error)).toBe(true);
      expect(await fingerprint()).toBe(before);
    });
  }

  it('an SQL-injection string searched for is only text: answered, nothing changed', async () => {
    const before = await fingerprint();
    const r = await post('customer.search', JSON.stringify({ q: "'; DROP TABLE customers; --" }), { Cookie: cookies.qian! });
    expect(r.json).toEqual({ ok: true, value: [] });
    expect(await fingerprint()).toBe(before);
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
    const before = await fingerprint();
    const r = await post('desk.walkIn', JSON.stringify({ customer: { name: '周杰', phone: '13800000003' } }), { Cookie: cookies.qian! });
    expect(r.status).toBe(403);
    expect(r.json.error.reason).toBe('session_expired');
    expect(await fingerprint()).toBe(before);
    // and it stays ended
    expect((await post('roster.today', '{}', { Cookie: cookies.qian! })).json.error.code).toBe('permission');
  });

  // Sign-in limits are per person now (one address is the whole office): see web-guards.test.ts.
});

/**
 * A volley (issue 13 points 14–17): every method of the contract, called by someone allowed to call it,
 * with each field of a plausible input replaced in turn by a hostile value, plus hostile whole bodies. None
 * may write anything, and none may answer 系统内部错误 — each is a refusal a person can read.
 */
describe('a volley of hostile inputs through web mode: none written, none an internal error', () => {
  const TEXT = ['周\u0000杰', '\u001b[2J', '周\u202e杰', '周\ud800杰', 'x'.repeat(5000)];
  /** Values no field of a kind may take: wrong for that field whatever the rest of the input says. */
  const HOSTILE: Record<string, unknown[]> = {
    text: [...TEXT, true, 1, [], {}],
    name: [...TEXT, '周\u200b杰', '\u3164', '张\n伟', true, 1],
    phone: [...TEXT, '00000000000', '88888888888', '010-12345678', "1'; DROP TABLE staff; --", 13800000001],
    staff: [...TEXT, 'ghost', true, 1, []],
    record: [-1, 0, 1.5, 2 ** 53 + 2, 2147483648, 999_999, '1', true, [], {}],
    day: ['0001-01-01', '9999-12-31', '2026-02-30', '2026-5-8', 20260508],
    month: ['0001-01', '9999-12', '2026-13', 202605],
    moment: ['9999-12-31T23:59', '0001-01-01T00:00', '2026-05-08 3pm', 0],
    number: [-1, 1.5, 1e308, '1', true, []],
    boolean: ['true', 1, [], {}],
    choice: ['ghost', 1, [], {}],
    union: ['ghost', 0, -1, 1.5, true, [], {}],
  };
  const WHOLE_BODIES = [
    '[]',
    '"x"',
    '1',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {"admin": true}}}',
    '{"extra": 1}',
  ];

  /** A plausible input for `schema`, and each of its fields with the kind of hostile values it gets. */
  function shape(
    schema: any,
    path: (string | number)[] = [],
    fields: { path: (string | number)[]; kind: string }[] = [],
  ): { value: unknown; fields: typeof fields } {
    const d = schema._zod.def;
    const leaf = (value: unknown, kind: string) => (fields.push({ path, kind }), { value, fields });
    if (schema === staffId) return leaf('zhang', 'staff');
    if (schema === recordId) return leaf(1, 'record');
    if (schema === personName) return leaf('周杰', 'name');
    if (schema === phone) return leaf('13800000009', 'phone');
    if (schema === month) return leaf('2026-05', 'month');
    switch (d.type) {
      case 'object':
        return { value: Object.fromEntries(Object.entries(d.shape).map(([k, v]) => [k, shape(v, [...path, k], fields).value])), fields };
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
        return shape(d.innerType, path, fields);
      case 'array':
        return { value: [shape(d.element, [...path, 0], fields).value], fields };
      case 'record':
        return { value: { zhang: shape(d.valueType, [...path, 'zhang'], fields).value }, fields };
      // one of several shapes (`to`: 'head', 'tail' or a position): hostile values fit none of them
      case 'union':
        return leaf(shape(d.options[0], path, []).value, 'union');
      case 'enum':
        return leaf(Object.values(d.entries)[0], 'choice');
      case 'literal':
        return leaf(d.values[0], 'choice');
      case 'boolean':
        return leaf(true, 'boolean');
      case 'number':
        return leaf(1, 'number');
      case 'string':
        return d.format === 'date'
          ? leaf('2026-05-08', 'day')
          : d.format === 'datetime'
            ? leaf('2026-05-08T10:00', 'moment')
            : leaf('说明', 'text');
      default:
        return { value: null, fields };
    }
  }
  const withLeaf = (base: unknown, path: (string | number)[], v: unknown): unknown => {
    if (path.length === 0) return v;
    const copy: any = Array.isArray(base) ? [...base] : { ...(base as object) };
    copy[path[0]!] = withLeaf(copy[path[0]!], path.slice(1), v);
    return copy;
  };
  const PEOPLE: [string, readonly string[]][] = [
    ['dir', ['sales_director', 'admin']],
    ['mgr', ['sales_manager']],
    ['pm', ['project_manager']],
    ['qian', ['front_desk']],
    ['zhang', ['consultant']],
    ['sun', ['employee']],
  ];

  it('N hostile inputs tried, 0 written, 0 internal errors', async () => {
    const { spec: contract } = await import('../../src/api/spec');
    for (const [who] of PEOPLE) await signIn(who);
    const before = await fingerprint();
    let last = before;
    const totalChanges = await changeCounter(t.app);
    let lastChanges = await totalChanges();
    let tried = 0;
    const failures: string[] = [];
    const send = async (method: string, who: string | null, body: string) => {
      tried++;
      const r = await post(method, body, who ? { Cookie: cookies[who]! } : {});
      const error = r.json?.error;
      const what = `${method} as ${who}: ${body.slice(0, 80)}`;
      if (r.status >= 500 || typeof r.json !== 'object') failures.push(`${what} → HTTP ${r.status} ${String(r.json).slice(0, 80)}`);
      else if (r.json.ok) {
        // a read may answer (an empty list for a filter that names nobody); it must not have written
      } else if (error.reason === 'internal' || !wordable(error)) failures.push(`${what} → ${error.code} ${error.reason} ${error.message}`);
      // the count moves with every statement that changed rows, even in a transaction later rolled back: when it
      // has not moved nothing was written; when it has, the content decides.
      const changes = await totalChanges();
      if (changes !== lastChanges) {
        lastChanges = changes;
        const now = await fingerprint();
        if (now !== last) failures.push(`${what} → wrote to the database`);
        last = now;
      }
    };
    for (const [method, def] of Object.entries(contract)) {
      if (method === 'session.signOut') continue; // it ends the cookie's session, which is not a write
      const who =
        def.roles === 'public'
          ? null
          : (PEOPLE.find(([, roles]) => (def.roles as readonly string[]).some((r) => roles.includes(r)))?.[0] ?? null);
      const { value: base, fields } = shape(def.input);
      for (const body of WHOLE_BODIES) await send(method, who, body);
      for (const { path, kind } of fields) for (const v of HOSTILE[kind]!) await send(method, who, JSON.stringify(withLeaf(base, path, v)));
    }
    console.log(
      `hostile volley: ${tried} hostile inputs tried, ${failures.filter((f) => f.endsWith('wrote to the database')).length} written`,
    );
    expect(failures).toEqual([]);
    expect(await fingerprint()).toBe(before);
    expect(tried).toBeGreaterThan(1000);
  }, 600_000); // a bound for a hang, not a speed limit: over 1,000 requests, on PostgreSQL each with its count query (minutes under load)
});
