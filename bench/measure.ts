/**
 * The measured operations. Each runs through the one door (`app.dispatch`, or HTTP in web mode) and, in
 * the same loop, through the raw statements of bench/raw-desk.ts; the two alternate so a busy neighbour on the
 * machine slows both alike. Every service answer is checked: against the raw answer where both read the
 * same data, against the database where each writes its own rows.
 */
import { request, Agent, createServer, type Server } from 'node:http';
import type { App } from '../src/app';
import { createWebServer } from '../src/server/http';
import type { ManualClock } from '../src/domain/clock';
import { iso } from '../src/domain/time';
import { answerOf, type RawSide } from './raw-desk';
import type { Engine } from '../src/db/engine';
import { type Row, row, stats } from './report';
import {
  customerName,
  customerPhone,
  DAYS,
  DESK_PIN,
  dayStart,
  firstCustomerOfDay,
  personName,
  type Plan,
  rng,
  statementMonth,
  unknownPhone,
  walkInPhone,
} from './synthetic';

export interface Reps {
  lookup: number;
  unknown: number;
  web: number;
  walkIn: number;
  confirm: number;
  statement: number;
  rosterAt: number;
}

type Maybe<T> = T | Promise<T>;
/** The raw side of each measured operation: bench/raw-desk.ts run by bench/raw.ts (better-sqlite3) or bench/raw-postgres.ts (pg). */
export type { RawSide };

/** What the measurements ask the database directly, in each engine's own words. */
export interface EngineProbe {
  /** whom the newest registration of a visit names */
  registeredTo(visitId: number): Maybe<string | undefined>;
  /** one audited row committed as the app commits a write (its ledger link included) */
  commitOne(at: string, k: number): Maybe<void>;
  dealsBetween(start: string, end: string): Maybe<number>;
  /** how a commit reaches the disk on this engine, for the table's notes */
  durability: string;
}

export interface Ctx {
  engine: Engine;
  app: App;
  clock: ManualClock;
  raw: RawSide;
  probe: EngineProbe;
  plan: Plan;
  reps: Reps;
  pending: { first: number; last: number };
  dir: string;
}

interface Check {
  checked: number;
  mismatches: number;
  first?: string;
  detail?: Record<string, number>;
}

const tally = (detail: Record<string, number>, key: string, yes: boolean) => {
  if (yes) detail[key] = (detail[key] ?? 0) + 1;
};

const time = async <T>(fn: () => T | Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
};

/** Runs the service and the raw side for each input, alternating which goes first; the first `warm` are not timed. */
async function pair<I, A, B>(
  inputs: readonly I[],
  service: (i: I) => Promise<A>,
  raw: (i: I) => B | Promise<B>,
  same: (a: A, b: B) => boolean,
  warm = Math.min(50, Math.floor(inputs.length / 10)),
) {
  const svc: number[] = [];
  const rw: number[] = [];
  const check: Check = { checked: 0, mismatches: 0 };
  for (let k = 0; k < inputs.length; k++) {
    const i = inputs[k]!;
    let s: [number, A];
    let r: [number, B];
    if (k % 2) [s, r] = [await time(() => service(i)), await time(() => raw(i))];
    else [r, s] = [await time(() => raw(i)), await time(() => service(i))];
    if (k >= warm) (svc.push(s[0]), rw.push(r[0]));
    check.checked++;
    if (!same(s[1], r[1])) {
      check.mismatches++;
      check.first ??= JSON.stringify({ input: i, service: s[1], raw: r[1] }).slice(0, 2000);
    }
  }
  return { svc: stats(svc), raw: stats(rw), check };
}

async function ok(app: App, staffId: string, method: string, input: unknown): Promise<any> {
  const r = (await app.dispatch({ staffId }, method, input)).result;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Known phones: half of customers seen in the last month (mostly owned), half of anyone. */
export function knownInputs(p: Plan, n: number, seed: number) {
  const r = rng(seed);
  const recent = firstCustomerOfDay(p, DAYS - 31);
  return Array.from({ length: n }, (_, k) => {
    const i = k % 2 ? recent + Math.floor(r() * (p.customers - recent)) : Math.floor(r() * p.customers);
    return { phone: customerPhone(i), name: customerName(i) };
  });
}
const unknownInputs = (n: number) => Array.from({ length: n }, (_, k) => ({ phone: unknownPhone(k + 1), name: personName(k + 7, 11) }));

export async function lookups(c: Ctx, mismatch: (line: string) => void): Promise<Row[]> {
  const now = c.clock.now();
  const run = async (inputs: { phone: string; name?: string }[]) => {
    const detail: Record<string, number> = { owned: 0, withMatches: 0 };
    const out = await pair(
      inputs,
      (i) => ok(c.app, 'qian', 'desk.lookup', i),
      (i) => c.raw.deskLookup(i.phone, i.name, now),
      (a, b) => {
        tally(detail, 'owned', a.status === 'owned');
        tally(detail, 'withMatches', a.possibleMatches.length > 0);
        return answerOf(a) === answerOf(b);
      },
    );
    if (out.check.first) mismatch(`desk.lookup: ${out.check.first}`);
    return { ...out, check: { ...out.check, detail } };
  };
  const known = await run(knownInputs(c.plan, c.reps.lookup, 1));
  const phoneOnly = await run(knownInputs(c.plan, c.reps.lookup, 5).map(({ phone }) => ({ phone })));
  const unknown = await run(unknownInputs(c.reps.unknown));
  const under1 =
    c.engine === 'postgres'
      ? { text: 'p99 < 5 ms', met: (r: Row) => r.service.p99 < 5 }
      : { text: 'p99 < 1 ms, ≤ 3× raw', met: (r: Row) => r.service.p99 < 1 && r.ratio!.p99 <= 3 };
  return [
    row(
      'lookup',
      'desk.lookup, known phone + name',
      known.svc,
      known.raw,
      known.check,
      under1,
      'the name also brings up likely matches (namesakes) and their owners',
    ),
    row(
      'lookupPhone',
      'desk.lookup, known phone only',
      phoneOnly.svc,
      phoneOnly.raw,
      phoneOnly.check,
      under1,
      'the verdict alone: owners, protection end, pending registration',
    ),
    row(
      'lookupUnknown',
      'desk.lookup, new phone + common name',
      unknown.svc,
      unknown.raw,
      unknown.check,
      under1,
      'verdict with likely matches (same name) and their owners',
    ),
  ];
}

/** Web mode: the real server with a signed-in cookie, against a bare HTTP server answering the raw lookup. */
export async function webLookups(c: Ctx, mismatch: (line: string) => void): Promise<Row> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (port: number, path: string, body: unknown, cookie = '') =>
    new Promise<{ body: any; cookie: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}`, Cookie: cookie },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () =>
            resolve({
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
              cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  const listen = (s: Server) =>
    new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)));
  const web = createWebServer(c.app, { staticDir: c.dir });
  const bare = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', async () => {
      const i = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { phone: string; name: string };
      const value = await c.raw.deskLookup(i.phone, i.name, c.clock.now());
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: true, value }));
    });
  });
  const [port, barePort] = [await listen(web), await listen(bare)];
  try {
    const { cookie } = await post(port, '/api/session.signIn', { staffId: 'qian', pin: DESK_PIN });
    const out = await pair(
      knownInputs(c.plan, c.reps.web, 2),
      async (i) => (await post(port, '/api/desk.lookup', i, cookie)).body,
      async (i) => (await post(barePort, '/raw/lookup', i)).body,
      (a, b) => a.ok && answerOf(a.value) === answerOf(b.value),
    );
    if (out.check.first) mismatch(`web desk.lookup: ${out.check.first}`);
    return row(
      'web',
      'desk.lookup via HTTP (web mode)',
      out.svc,
      out.raw,
      out.check,
      { text: 'p99 < 5 ms', met: (r) => r.service.p99 < 5 },
      'raw: a bare node:http server answering the raw lookup',
    );
  } finally {
    agent.destroy();
    await Promise.all([web, bare].map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** Walk-ins, new and returning alternately, each finished right after so someone is always free. */
export async function walkIns(c: Ctx, mismatch: (line: string) => void): Promise<Row[]> {
  const returning = knownInputs(c.plan, c.reps.walkIn * 2, 3);
  const input = (k: number) => (k % 2 ? returning[k]! : { name: personName(900_000 + k, 11), phone: walkInPhone(k) });
  const base = c.clock.now().getTime();
  const t = { walk: [] as number[], rawWalk: [] as number[], finish: [] as number[], rawFinish: [] as number[] };
  const check: Check = { checked: 0, mismatches: 0, detail: { returning: 0, toOwner: 0 } };
  const verify = async (what: string, visitId: number, registeredFor: string, owners: string[], receivedBy: string) => {
    check.checked++;
    tally(check.detail!, 'toOwner', owners.length > 0);
    const right =
      (await c.probe.registeredTo(visitId)) === registeredFor &&
      (owners.length ? owners.includes(registeredFor) : registeredFor === receivedBy);
    if (!right) {
      check.mismatches++;
      mismatch(`${what}: visit ${visitId} registered for ${registeredFor}, owners ${owners.join(',')}`);
    }
  };
  const warm = Math.min(50, Math.floor(c.reps.walkIn / 10));
  for (let k = 0; k < c.reps.walkIn; k++) {
    c.clock.set(new Date(base + k * 2000));
    const now = c.clock.now();
    // Both sides get new and returning customers alike: even k new → service, returning → raw; odd k the other way.
    const [ia, ib] = k % 2 ? [2 * k + 1, 2 * k] : [2 * k, 2 * k + 1];
    const a = input(ia);
    tally(check.detail!, 'returning', ia % 2 === 1);
    const ownersA = (await c.raw.lookup(a.phone, a.name, now)).owners.map((o) => o.id);
    const [tw, w] = await time(() => ok(c.app, 'qian', 'desk.walkIn', { customer: a }));
    await verify('desk.walkIn', w.visitId, w.registeredFor.id, ownersA, w.receivedBy.id);
    const [tf] = await time(() => ok(c.app, 'mgr', 'desk.finish', { visit: w.visitId }));
    const b = input(ib);
    const ownersB = (await c.raw.lookup(b.phone, b.name, now)).owners.map((o) => o.id);
    const [trw, rw] = await time(() => c.raw.walkIn(b, now, 'qian'));
    await verify('raw walk-in', rw.visitId, rw.registeredFor, ownersB, rw.receivedBy);
    const [trf] = await time(() => c.raw.finish(rw.visitId, now, 'mgr'));
    if (k >= warm) (t.walk.push(tw), t.rawWalk.push(trw), t.finish.push(tf), t.rawFinish.push(trf));
  }
  // The disk's floor under every write: one audited row, committed as the app commits.
  const floor: number[] = [];
  for (let k = 0; k < c.reps.walkIn; k++) {
    const t0 = performance.now();
    await c.probe.commitOne(iso(c.clock.now()), k);
    if (k >= warm) floor.push(performance.now() - t0);
  }
  const fsync = `includes the commit (${c.probe.durability})`;
  const walkTarget =
    c.engine === 'postgres'
      ? { text: 'p99 < 10 ms', met: (r: Row) => r.service.p99 < 10 }
      : { text: 'p99 < 2 ms', met: (r: Row) => r.service.p99 < 2 };
  return [
    row('walkIn', 'desk.walkIn (received + registered)', stats(t.walk), stats(t.rawWalk), check, walkTarget, fsync),
    row('finish', 'desk.finish', stats(t.finish), stats(t.rawFinish), { checked: check.checked, mismatches: 0 }, undefined, fsync),
    row(
      'commit',
      'one row committed (the disk’s floor)',
      stats(floor),
      null,
      { checked: 0, mismatches: 0 },
      undefined,
      `BEGIN, one audited row with its ledger link, COMMIT (${c.probe.durability}): what any write costs here`,
    ),
  ];
}

/** The PM confirms a day's registrations one by one (yesterday's, still pending). */
export async function confirmations(c: Ctx, mismatch: (line: string) => void): Promise<Row[]> {
  const n = Math.min(c.reps.confirm, Math.floor((c.pending.last - c.pending.first + 1) / 2));
  const now = c.clock.now();
  const check: Check = { checked: 0, mismatches: 0 };
  const one = (v: any, visit: number) => {
    check.checked++;
    if (v?.status !== 'confirmed' || v.visitId !== visit)
      (check.mismatches++, mismatch(`registration.confirm ${visit}: ${JSON.stringify(v)}`));
  };
  const svc: number[] = [];
  const rw: number[] = [];
  const [svcTotal] = await time(async () => {
    for (let k = 0; k < n; k++) {
      const [t, v] = await time(() => ok(c.app, 'pm', 'registration.confirm', { visit: c.pending.first + k }));
      (svc.push(t), one(v, c.pending.first + k));
    }
  });
  const [rawTotal] = await time(async () => {
    for (let k = n; k < 2 * n; k++) {
      const t = performance.now();
      const v = await c.raw.confirm(c.pending.first + k, now, 'pm');
      (rw.push(performance.now() - t), one(v, c.pending.first + k));
    }
  });
  return [
    row(
      'confirmTotal',
      `registration.confirm ×${n}, total`,
      stats([svcTotal]),
      stats([rawTotal]),
      check,
      undefined,
      'one transaction (and fsync) per confirmation, as the PM clicks',
    ),
    row('confirm', 'registration.confirm, each', stats(svc), stats(rw), check),
  ];
}

export async function statements(c: Ctx, mismatch: (line: string) => void): Promise<Row> {
  const { month } = statementMonth();
  const now = c.clock.now();
  const sorted = (o: Record<string, number>) => JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  let detail: Record<string, number> = {};
  const out = await pair(
    Array.from({ length: c.reps.statement + 1 }, () => month),
    (m) => ok(c.app, 'asst', 'statement.month', { month: m }),
    (m) => c.raw.statement(m, now),
    (a, b) => {
      detail = {
        deals: a.deals.length + a.unresolved.length + a.held.length,
        payable: a.deals.length,
        unresolved: a.unresolved.length,
        held: a.held.length,
      };
      return (
        sorted(a.totals) === sorted(b.totals) &&
        a.deals.length === b.payable &&
        a.unresolved.length === b.unresolved &&
        a.held.length === b.held
      );
    },
    1,
  );
  if (out.check.first) mismatch(`statement.month: ${out.check.first.slice(0, 400)}`);
  const deals = (await c.probe.dealsBetween(iso(statementMonth().start), iso(statementMonth().end))).toLocaleString('en');
  const bound = c.engine === 'postgres' ? 2000 : 1000;
  return row(
    'statement',
    `statement.month (${deals} deals)`,
    out.svc,
    out.raw,
    { ...out.check, detail },
    { text: `p99 < ${bound} ms`, met: (r) => r.service.p99 < bound },
  );
}

export async function rosterAts(c: Ctx, mismatch: (line: string) => void): Promise<Row> {
  const r = rng(4);
  const moments = Array.from(
    { length: c.reps.rosterAt + 1 },
    () => new Date(dayStart(Math.floor(r() * (DAYS - 1))).getTime() + (9 + r() * 9) * 3_600_000),
  );
  const shape = (q: any[] | undefined) => JSON.stringify(q?.map((e) => [e.id, e.name, e.status, e.receiving]) ?? null);
  const out = await pair(
    moments,
    (at) => ok(c.app, 'mgr', 'roster.at', { at: iso(at) }),
    (at) => c.raw.rosterAt(at),
    (a, b) => a?.rosterId === b?.rosterId && shape(a?.queue) === shape(b?.queue),
  );
  if (out.check.first) mismatch(`roster.at: ${out.check.first.slice(0, 400)}`);
  return row(
    'rosterAt',
    'roster.at (queue at a past moment)',
    out.svc,
    out.raw,
    out.check,
    undefined,
    'replays that day’s events up to the moment',
  );
}

/** PostgreSQL only: one `SELECT 1` on the raw connection, the loopback network's (and the server's) floor under every statement. */
export async function roundTrips(n: number, ping: () => Promise<unknown>): Promise<Row> {
  const samples: number[] = [];
  const warm = Math.min(50, Math.floor(n / 10));
  for (let k = 0; k < n; k++) {
    const [t] = await time(ping);
    if (k >= warm) samples.push(t);
  }
  return row(
    'roundTrip',
    'SELECT 1 (loopback round trip)',
    stats(samples),
    null,
    { checked: 0, mismatches: 0 },
    undefined,
    'one statement on the raw pg connection over 127.0.0.1: the floor under each of a call’s statements',
  );
}
