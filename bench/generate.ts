/**
 * Generates the synthetic office group into a fresh SQLite file with raw better-sqlite3 statements, one
 * transaction per office day. The rows are the ones the app itself would write: each walk-in routed by the
 * real roster rules (the owner while protected, else the queue), registered, confirmed by the PM the next
 * morning (yesterday's stay pending), finished; deals right after a visit.
 *
 * The ledger: inserting through the chain triggers costs ~50 µs a row here (two hash callbacks and a chain
 * lookup each), about half an hour for the ~18 M fact rows. So the `*_ledger` triggers and the big tables'
 * indexes are dropped for the load, then `ledger_chain` is built the way the triggers would have chained
 * it (table by table, in row order, the row hash `verifyLedger` recomputes, each link HMAC'd with the key
 * written beside the file, migrations/0012), and the indexes and triggers are recreated from their own
 * SQL. Every row of every chained table is chained; the chain verifies.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { MUTABLE_TABLES } from '../src/db/ledger';
import { hmac, loadOrCreateLedgerKey } from '../src/db/ledger-key';
import { migrateToLatest } from '../src/db/migrate';
import { openDatabase } from '../src/db/open';
import { hashPin } from '../src/services/pin-hash';
import { DEFAULT_POLICY } from '../src/domain/policy';
import { applyRosterEvent, emptyRoster, type RosterEvent, type RosterState } from '../src/domain/roster';
import { iso, officeDay, plusMonths } from '../src/domain/time';
import { routeByOwners } from './routing';
import {
  customerName,
  customerPhone,
  DAYS,
  DESK_PIN,
  dayStart,
  firstCustomerOfDay,
  pinyinOf,
  type Plan,
  returningPerDay,
  rng,
  rosterOrder,
  staffOf,
  statementMonth,
} from './synthetic';

export type Progress = (phase: string, done: number, total: number, detail?: string) => void;

export interface GenerateSummary {
  seconds: number;
  ledger: string;
  counts: Record<string, number>;
  /** yesterday's visits, whose registrations are still pending: the PM's confirmation queue */
  pendingVisits: { first: number; last: number };
  /** bytes per table and index (dbstat) */
  sizes: Record<string, number>;
}

const BIG = ['customers', 'visits', 'visit_events', 'registrations', 'registration_decisions', 'roster_events', 'deals', 'ledger_chain'];
const MINUTE = 60_000;

export async function generate(path: string, p: Plan, progress: Progress = () => {}): Promise<GenerateSummary> {
  const started = performance.now();
  // The key file beside the database, as openApp makes it: the app opening this file later finds it there.
  const key = loadOrCreateLedgerKey(path);
  const handle = openDatabase(path, { ledgerKey: key });
  await migrateToLatest(handle.db);
  const raw = handle.raw;
  // A throw-away file being filled: no journal, no fsync, a big page cache (this is the child process).
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');
  const deferred = raw
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'trigger' AND (name LIKE '%\\_ledger' ESCAPE '\\' OR name LIKE '%\\_ledger\\_%' ESCAPE '\\')) OR (type = 'index' AND tbl_name IN (${BIG.map((t) => `'${t}'`).join(', ')})))`,
    )
    .all() as { type: string; name: string; sql: string }[];
  for (const d of deferred) raw.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);

  const staff = staffOf(p);
  const pin = await hashPin(DESK_PIN);
  raw.transaction(() => {
    for (const s of staff) {
      raw.prepare('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)').run(s.id, s.name, iso(dayStart(0)));
      for (const r of s.roles) raw.prepare('INSERT INTO staff_roles (staff_id, role) VALUES (?, ?)').run(s.id, r);
    }
    raw
      .prepare('INSERT INTO staff_credentials (staff_id, pin_hash, salt, updated_at) VALUES (?, ?, ?, ?)')
      .run('qian', pin.hash, pin.salt, iso(dayStart(0)));
  })();

  const facts = loadFacts(raw, p, progress);
  const chained = buildChain(raw, key, progress);
  deferred.forEach((d, i) => {
    progress('rebuild', i, deferred.length, d.name);
    raw.exec(d.sql);
  });
  progress('rebuild', deferred.length, deferred.length, 'indexes and triggers');
  const counts: Record<string, number> = {};
  for (const t of [
    'staff',
    'customers',
    'rosters',
    'roster_events',
    'visits',
    'visit_events',
    'registrations',
    'registration_decisions',
    'deals',
    'ledger_chain',
  ]) {
    counts[t] = (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  raw.pragma('journal_mode = WAL');
  const sizes = Object.fromEntries(
    (
      raw.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY 2 DESC').all() as { name: string; bytes: number }[]
    ).map((r) => [r.name, r.bytes]),
  );
  await handle.close();
  return {
    seconds: (performance.now() - started) / 1000,
    ledger: `ledger triggers dropped for the bulk load; ledger_chain rebuilt for ${chained.toLocaleString('en')} rows (table by table, in id order, as migrations/0005 chains existing rows); triggers and indexes recreated`,
    counts,
    pendingVisits: facts.pendingVisits,
    sizes,
  };
}

interface Open {
  visitId: number;
  consultant: string;
  end: number;
}

/** The two years of office days: customers, rosters and their events, visits, registrations, decisions, deals. */
function loadFacts(raw: BetterSqlite3.Database, p: Plan, progress: Progress) {
  const policy = DEFAULT_POLICY;
  const r = rng(20260302);
  const consultants = staffOf(p)
    .filter((s) => s.roles.includes('consultant'))
    .map((s) => s.id);
  const index = new Map(consultants.map((id, i) => [id, i]));
  const owner = new Int16Array(p.customers).fill(-1);
  const until = new Float64Array(p.customers);
  const returning = returningPerDay(p);
  const ins = {
    customer: raw.prepare(
      'INSERT INTO customers (id, name, phone, phone_key, created_at, created_by, name_key, name_initials) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    roster: raw.prepare('INSERT INTO rosters (day, started_at, started_by) VALUES (?, ?, ?)'),
    event: raw.prepare('INSERT INTO roster_events (roster_id, at, actor_id, type, payload) VALUES (?, ?, ?, ?, ?)'),
    state: raw.prepare('INSERT INTO roster_state (roster_id, state, event_count) VALUES (?, ?, ?)'),
    visit: raw.prepare(
      'INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, roster_id, companion_customer_id, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)',
    ),
    reg: raw.prepare(
      "INSERT INTO registrations (visit_id, customer_id, consultant_id, registered_at, corrects_id, reason, recorded_by, created_at, kind, changes) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, 'visit', NULL)",
    ),
    decision: raw.prepare(
      "INSERT INTO registration_decisions (registration_id, at, decision, reason, actor_id) VALUES (?, ?, 'confirmed', NULL, 'pm')",
    ),
    visitEvent: raw.prepare("INSERT INTO visit_events (visit_id, at, type, payload, actor_id) VALUES (?, ?, 'finished', '{}', ?)"),
    deal: raw.prepare(
      'INSERT INTO deals (customer_id, unit, price, commission, on_spot, company_mode, after_sales_id, at, recorded_by) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)',
    ),
  };

  // Deals: `statementDeals` spread evenly over the statement month's visits, the rest over the other days
  // (never yesterday's: a pending registration owns nobody yet).
  const month = statementMonth();
  const inMonth = (d: number) => dayStart(d) >= month.start && dayStart(d) < month.end;
  const visitsOn = (d: number) => firstCustomerOfDay(p, d + 1) - firstCustomerOfDay(p, d) + returning[d]!;
  let monthVisits = 0;
  let otherVisits = 0;
  for (let d = 0; d < DAYS - 1; d++) inMonth(d) ? (monthVisits += visitsOn(d)) : (otherVisits += visitsOn(d));
  const every = (quota: number, total: number) => {
    let k = 0;
    return () => Math.floor(((k + 1) * quota) / total) > Math.floor((k++ * quota) / total);
  };
  const monthDeal = every(p.statementDeals, monthVisits);
  const otherDeal = every(p.deals - p.statementDeals, otherVisits);

  let confirmRegs: [number, number] | null = null;
  let pendingVisits = { first: 0, last: 0 };
  let visits = 0;
  for (let d = 0; d < DAYS; d++) {
    const day = dayStart(d);
    const at = (minutes: number) => new Date(day.getTime() + minutes * MINUTE);
    raw.transaction(() => {
      // The PM confirms yesterday's registrations first thing in the morning.
      if (confirmRegs) for (let id = confirmRegs[0]; id <= confirmRegs[1]; id++) ins.decision.run(id, iso(at(8 * 60 + 30)));
      const rosterId = Number(ins.roster.run(officeDay(day), iso(at(8 * 60 + 50)), 'mgr').lastInsertRowid);
      let state: RosterState = emptyRoster();
      let events = 0;
      const emit = (ev: RosterEvent, when: number, actor: string) => {
        ins.event.run(rosterId, iso(new Date(when)), actor, ev.type, JSON.stringify(ev));
        state = applyRosterEvent(state, ev);
        events++;
      };
      emit({ type: 'started', order: rosterOrder(p, d) }, at(8 * 60 + 50).getTime(), 'mgr');

      let open: Open[] = [];
      const finish = (o: Open) => {
        ins.visitEvent.run(o.visitId, iso(new Date(o.end)), o.consultant);
        emit({ type: 'finished', visitId: o.visitId }, o.end, o.consultant);
      };
      const finishUpTo = (t: number) => {
        if (!open.some((o) => o.end <= t)) return;
        const due = open.filter((o) => o.end <= t).sort((a, b) => a.end - b.end);
        open = open.filter((o) => o.end > t);
        due.forEach(finish);
      };
      // Everyone busy: the reception closest to its end ends now, so the walk-in can be received.
      const finishEarliest = (t: number) => {
        const o = open.reduce((a, b) => (b.end < a.end ? b : a));
        open = open.filter((x) => x !== o);
        finish({ ...o, end: t });
      };

      const arrivals: number[] = [];
      const poolEnd = firstCustomerOfDay(p, d);
      const recent = firstCustomerOfDay(p, Math.max(0, d - 45));
      for (let c = poolEnd; c < firstCustomerOfDay(p, d + 1); c++) arrivals.push(c);
      for (let k = 0; k < returning[d]!; k++)
        arrivals.push(r() < 0.75 && poolEnd > recent ? recent + Math.floor(r() * (poolEnd - recent)) : Math.floor(r() * poolEnd));
      for (let i = arrivals.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [arrivals[i], arrivals[j]] = [arrivals[j]!, arrivals[i]!];
      }
      const firstReg = { visit: 0, reg: 0 };
      arrivals.forEach((c, j) => {
        const t = at(9 * 60 + ((j + r()) / arrivals.length) * 9 * 60);
        const ms = t.getTime();
        finishUpTo(ms);
        if (c >= poolEnd) {
          // A new customer: the record is created at the first visit (returning picks are all < poolEnd).
          const [key, initials] = pinyinOf(customerName(c));
          const phone = customerPhone(c);
          ins.customer.run(c + 1, customerName(c), phone, phone, iso(t), 'qian', key, initials);
        }
        const protectedBy = owner[c]! >= 0 && until[c]! > ms ? consultants[owner[c]!]! : null;
        let route = routeByOwners(state, protectedBy ? [protectedBy] : [], policy);
        while (!route) {
          finishEarliest(ms);
          route = routeByOwners(state, protectedBy ? [protectedBy] : [], policy);
        }
        const visitId = Number(
          ins.visit.run(c + 1, iso(t), route.consultant, route.reception, 'walk_in', route.registeredFor, rosterId, 'qian').lastInsertRowid,
        );
        const regId = Number(ins.reg.run(visitId, c + 1, route.registeredFor, iso(t), 'qian', iso(t)).lastInsertRowid);
        if (!firstReg.reg) Object.assign(firstReg, { visit: visitId, reg: regId });
        emit(
          {
            type: 'assigned',
            visitId,
            consultant: route.consultant,
            reception: route.reception,
            turnUsed: route.turnUsed,
            lostTurns: route.lostTurns,
          },
          ms,
          'qian',
        );
        open.push({ visitId, consultant: route.consultant, end: ms + (8 + r() * 12) * MINUTE });
        if (d === DAYS - 1) {
          pendingVisits = { first: firstReg.visit, last: visitId };
          return;
        }
        // Confirmed tomorrow morning: protection runs a calendar month from this visit (R-OWN-2), renewed by the owner.
        const ci = index.get(route.registeredFor)!;
        const end = plusMonths(t, policy.protectionMonths).getTime();
        if (protectedBy && owner[c] === ci) until[c] = Math.max(until[c]!, end);
        else [owner[c], until[c]] = [ci, end];
        if (inMonth(d) ? monthDeal() : otherDeal()) {
          const price = 150_000_000 + Math.floor(r() * 200) * 1_000_000;
          ins.deal.run(
            c + 1,
            `${1 + Math.floor(r() * 9)}-${2 + Math.floor(r() * 30)}0${1 + Math.floor(r() * 4)}`,
            price,
            Math.round(price * 0.012),
            r() < 0.3 ? 1 : 0,
            iso(new Date(ms + 40 * MINUTE)),
            route.consultant,
          );
        }
      });
      visits += arrivals.length;
      finishUpTo(Infinity);
      ins.state.run(rosterId, JSON.stringify(state), events);
      const lastReg = firstReg.reg ? firstReg.reg + arrivals.length - 1 : 0;
      confirmRegs = firstReg.reg ? [firstReg.reg, lastReg] : null;
    })();
    progress('facts', d + 1, DAYS, `${visits.toLocaleString('en')} visits`);
  }
  return { pendingVisits };
}

/**
 * Chains every row the migrations have not chained already (the grade labels): the row hash verifyLedger
 * recomputes, each link the keyed HMAC over the one before (migrations/0012).
 */
function buildChain(raw: BetterSqlite3.Database, key: Buffer, progress: Progress): number {
  const chainedBefore = new Set(
    raw.prepare("SELECT table_name || '|' || coalesce(row_key, row_id) FROM ledger_chain").pluck().all() as string[],
  );
  const tables = raw.prepare('SELECT table_name, columns FROM ledger_tables ORDER BY table_name').all() as {
    table_name: string;
    columns: string;
  }[];
  const total = tables.reduce((n, t) => n + (raw.prepare(`SELECT count(*) AS n FROM "${t.table_name}"`).get() as { n: number }).n, 0);
  const insert = raw.prepare('INSERT INTO ledger_chain (table_name, row_id, row_key, row_hash, chain_hash) VALUES (?, ?, ?, ?, ?)');
  let prev = (raw.prepare('SELECT chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? '';
  let done = 0;
  for (const t of tables) {
    const json = `json_object(${(JSON.parse(t.columns) as string[]).map((c) => `'${c}', "${c}"`).join(', ')})`;
    const m = MUTABLE_TABLES[t.table_name];
    const page = raw
      .prepare(
        `SELECT rowid, ${m ? m.rowId('') : 'id'}, ${m ? m.key('') : 'NULL'}, sd_sha256(? || ${json}) AS h FROM "${t.table_name}" WHERE rowid > ? ORDER BY rowid LIMIT 20000`,
      )
      .raw();
    for (let last = 0; ;) {
      const rows = page.all(`${t.table_name}|`, last) as [number, number, string | null, string][];
      if (rows.length === 0) break;
      raw.transaction(() => {
        for (const [, id, rowKey, h] of rows) {
          const k = rowKey ?? String(id);
          if (chainedBefore.has(`${t.table_name}|${k}`)) continue;
          prev = hmac(key, `${prev}|${t.table_name}|${k}|${h}`);
          insert.run(t.table_name, id, rowKey, h, prev);
        }
      })();
      last = rows[rows.length - 1]![0];
      done += rows.length;
      progress('ledger', done, total, t.table_name);
    }
  }
  return done;
}
