/**
 * bench/raw.ts on PostgreSQL: the fewest raw `pg` statements that give the same answers as the services, on
 * one connection of its own (named statements, so each is parsed and planned once per connection, as a
 * minimal program would), with the same pure rules (src/domain). The connection is opened by the app's own
 * src/db/postgres openPostgres, so it carries the same settings: the office group's ledger key as
 * `salesdesk.ledger_key` (the chain triggers need it for every write), UTC, and the same value types.
 *
 * What differs from the SQLite side, and why: there is no cheap "has anything changed" on a server several
 * app servers write to (SQLite's data_version), so today's queue is read every time, as the services read
 * it on PostgreSQL; a write takes the office group's write lock (src/db/transaction WRITE_LOCK) as the
 * services do, so two desks cannot assign the same queue head.
 */
import { addDays } from 'date-fns';
import type pg from 'pg';
import { WRITE_LOCK } from '../src/db/transaction';
import { consultantSide } from '../src/domain/attribution';
import { composeSplit } from '../src/domain/commission';
import { likelyMatch, phoneUnderOtherName } from '../src/domain/likely-match';
import { nameInitials, nameKey } from '../src/domain/names';
import { type Decision, protectionAt, registrationStatus } from '../src/domain/ownership';
import { phoneKey } from '../src/domain/phone';
import { type Policy, resolvePolicy } from '../src/domain/policy';
import { applyRosterEvent, chooseRosterReceiver, emptyRoster, presenceOf, type RosterEvent, type RosterState } from '../src/domain/roster';
import { fromIso, iso, officeDay } from '../src/domain/time';
import { maskPhone } from '../src/services/confidentiality';
import { factsOf, history, type RawVerdict, type RegRow, Unsupported } from './raw';
import { routeByOwners } from './routing';

/** A registration with its decision (and the corrected record's) as known at the instant $AT. */
const REG = (
  at: string,
) => `r.id, r.visit_id, r.customer_id, r.consultant_id, r.registered_at, r.corrects_id, r.kind, v.source, v.reception, v.companion_customer_id,
  (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.id AND d.at <= ${at} ORDER BY d.id DESC LIMIT 1) AS decision,
  (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.corrects_id AND d.at <= ${at} ORDER BY d.id DESC LIMIT 1) AS corrected`;
const OTHER = (c: string, at: string) => `EXISTS (SELECT 1 FROM customer_links l WHERE l.customer_id = ${c} OR l.other_customer_id = ${c})
  OR EXISTS (SELECT 1 FROM visits hv JOIN visit_events he ON he.visit_id = hv.id WHERE hv.customer_id = ${c} AND he.type = 'handover' AND he.at <= ${at})`;

const S = {
  customer: `SELECT c.id AS cid, c.name AS cname, c.phone AS cphone, ${OTHER('c.id', '$2::timestamptz')} AS other, ${REG('$2::timestamptz')}
    FROM customers c LEFT JOIN registrations r ON r.customer_id = c.id AND r.created_at <= $2::timestamptz LEFT JOIN visits v ON v.id = r.visit_id
    WHERE c.id = (SELECT id FROM customers WHERE phone_key = $1 ORDER BY id LIMIT 1) ORDER BY r.id`,
  candidates: `SELECT * FROM (
      (SELECT id, name, phone, phone_key FROM customers WHERE name = $1 AND phone_key <> $3 ORDER BY id DESC LIMIT 20)
      UNION (SELECT id, name, phone, phone_key FROM customers WHERE name_key = $2 AND phone_key <> $3 ORDER BY id DESC LIMIT 20)
    ) AS c ORDER BY id DESC LIMIT 20`,
  linked:
    'SELECT EXISTS (SELECT 1 FROM customer_links WHERE customer_id = ANY($1::bigint[]) OR other_customer_id = ANY($1::bigint[])) AS linked',
  regsOf: `SELECT ${REG('$2::timestamptz')}, EXISTS (SELECT 1 FROM visit_events he WHERE he.visit_id = r.visit_id AND he.type = 'handover' AND he.at <= $2::timestamptz) AS handed
    FROM registrations r JOIN visits v ON v.id = r.visit_id
    WHERE r.customer_id IN (SELECT DISTINCT customer_id FROM registrations WHERE customer_id = ANY($1::bigint[]) AND registered_at > $3::timestamptz)
      AND r.created_at <= $2::timestamptz ORDER BY r.id`,
  roster:
    'SELECT r.id, r.day, s.state FROM rosters r JOIN roster_state s ON s.roster_id = r.id WHERE r.day = $1::date ORDER BY r.id DESC LIMIT 1',
  announced: 'SELECT consultant_id, expected_at FROM announcements WHERE customer_id = $1 ORDER BY id DESC',
  announcedByName:
    "SELECT a.consultant_id, a.expected_at FROM announcements a JOIN customers c ON c.id = a.customer_id WHERE c.phone_key = '' AND c.name = $1 ORDER BY a.id DESC",
  lock: `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`,
  insCustomer:
    'INSERT INTO customers (name, phone, phone_key, name_key, name_initials, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
  insVisit:
    "INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, roster_id, companion_customer_id, recorded_by) VALUES ($1, $2, $3, $4, 'walk_in', $5, $6, NULL, $7) RETURNING id",
  insReg:
    'INSERT INTO registrations (visit_id, customer_id, consultant_id, registered_at, corrects_id, reason, recorded_by, created_at) VALUES ($1, $2, $3, $4, NULL, NULL, $5, $6)',
  insEvent: 'INSERT INTO roster_events (roster_id, at, actor_id, type, payload) VALUES ($1, $2, $3, $4, $5)',
  setState: 'UPDATE roster_state SET state = $1, event_count = event_count + 1 WHERE roster_id = $2',
  busyNames: 'SELECT v.id, c.name FROM visits v JOIN customers c ON c.id = v.customer_id WHERE v.id = ANY($1::bigint[])',
  audit: 'INSERT INTO audit_log (at, actor_id, method, detail) VALUES ($1, $2, $3, $4)',
  visit:
    "SELECT v.id, v.consultant_id, v.roster_id, (SELECT count(*) FROM visit_events e WHERE e.visit_id = v.id AND e.type IN ('finished', 'handover')) AS done FROM visits v WHERE v.id = $1",
  insVisitEvent: "INSERT INTO visit_events (visit_id, at, type, payload, actor_id) VALUES ($1, $2, 'finished', '{}', $3)",
  visitRegs: `SELECT r.id, r.corrects_id,
    (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.id AND d.at <= $2::timestamptz ORDER BY d.id DESC LIMIT 1) AS decision,
    (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.corrects_id AND d.at <= $2::timestamptz ORDER BY d.id DESC LIMIT 1) AS corrected
    FROM registrations r WHERE r.visit_id = $1 AND r.created_at <= $2::timestamptz ORDER BY r.id`,
  insDecision:
    "INSERT INTO registration_decisions (registration_id, at, decision, reason, actor_id) VALUES ($1, $2, 'confirmed', NULL, $3)",
  deals: `SELECT d.id, d.customer_id, d.commission, d.on_spot, d.at, ${OTHER('d.customer_id', '$3::timestamptz')}
      OR EXISTS (SELECT 1 FROM company_clients k WHERE k.customer_id = d.customer_id) OR EXISTS (SELECT 1 FROM referrals f WHERE f.customer_id = d.customer_id)
      OR EXISTS (SELECT 1 FROM disputes x WHERE (x.deal_id = d.id OR x.customer_id = d.customer_id) AND x.at <= $3::timestamptz) AS other
    FROM deals d WHERE d.at >= $1::timestamptz AND d.at < $2::timestamptz ORDER BY d.at, d.id`,
  dealRegs: `SELECT ${REG('$3::timestamptz')} FROM registrations r JOIN visits v ON v.id = r.visit_id
    WHERE r.customer_id IN (SELECT customer_id FROM deals WHERE at >= $1::timestamptz AND at < $2::timestamptz) AND r.created_at <= $3::timestamptz ORDER BY r.id`,
  rosterEvents: `SELECT e.roster_id, e.payload FROM roster_events e
    WHERE e.roster_id = (SELECT id FROM rosters WHERE day = $1::date AND started_at <= $2::timestamptz ORDER BY id DESC LIMIT 1) AND e.at <= $2::timestamptz ORDER BY e.id`,
  one: 'SELECT 1 AS one',
} as const;

export class RawDeskPostgres {
  private constructor(
    private readonly c: pg.PoolClient,
    private readonly names: Map<string, string>,
    private readonly policies: { effective_at: string; policy: Policy }[],
  ) {}

  /** Takes one connection of `pool` for itself (released by close()); staff names and policy read once, as on SQLite. */
  static async open(pool: pg.Pool): Promise<RawDeskPostgres> {
    const c = await pool.connect();
    const names = new Map((await c.query<{ id: string; name: string }>('SELECT id, name FROM staff')).rows.map((r) => [r.id, r.name]));
    const policies = (
      await c.query<{ effective_at: string; params: string }>(
        'SELECT effective_at, params FROM policy_versions ORDER BY effective_at DESC, id DESC',
      )
    ).rows.map((p) => ({ effective_at: p.effective_at, policy: resolvePolicy(JSON.parse(p.params)) }));
    return new RawDeskPostgres(c, names, policies);
  }

  close(): void {
    this.c.release();
  }

  private async q<T>(name: keyof typeof S, values: unknown[] = []): Promise<T[]> {
    return (await this.c.query({ name, text: S[name], values })).rows as T[];
  }

  private async inWrite<T>(fn: () => Promise<T>): Promise<T> {
    await this.c.query('BEGIN');
    try {
      await this.q('lock');
      const out = await fn();
      await this.c.query('COMMIT');
      return out;
    } catch (e) {
      await this.c.query('ROLLBACK');
      throw e;
    }
  }

  private name = (id: string) => this.names.get(id) ?? id;
  private policyAt = (at: string) => this.policies.find((p) => p.effective_at <= at)?.policy ?? resolvePolicy({});

  /** One round trip on this connection: the loopback network's (and the server's) floor under every statement. */
  async ping(): Promise<number> {
    return (await this.q<{ one: number }>('one'))[0]!.one;
  }

  async lookup(phone: string, name: string | undefined, now: Date): Promise<RawVerdict> {
    const at = iso(now);
    const policy = this.policyAt(at);
    const key = phoneKey(phone);
    const rows = await this.q<RegRow & { cid: number; cname: string; cphone: string; other: boolean }>('customer', [key, at]);
    const v: RawVerdict = {
      status: 'new',
      customerId: rows[0]?.cid ?? null,
      owners: [],
      until: null,
      pendingToday: null,
      possibleMatches: [],
    };
    const c = rows[0];
    if (c) {
      if (c.other) throw new Unsupported(`customer ${c.cid} has links or handovers`);
      const facts = factsOf(rows.filter((r) => r.id !== null));
      const side = consultantSide(history(facts), c.cid, now, policy);
      if (side.length) {
        const p = protectionAt(facts, now, policy.protectionMonths);
        v.status = 'owned';
        v.owners = side.map((o) => ({ id: o.consultant, name: this.name(o.consultant) }));
        v.until = p ? officeDay(p.until) : null;
      }
      if (name) v.possibleMatches = (await this.likelyMatches(key, name, now, policy)).filter((m) => m.customerId !== c.cid);
      const other = name ? phoneUnderOtherName(c.cname, name) : null;
      if (other)
        v.possibleMatches.push({
          customerId: c.cid,
          name: c.cname,
          phone: maskPhone(c.cphone),
          why: other,
          owner: v.owners[0]?.id ?? null,
        });
      const pending = facts.find((f) => f.status === 'pending' && officeDay(f.at) === officeDay(now));
      if (pending)
        v.pendingToday = { consultant: { id: pending.consultant, name: this.name(pending.consultant) }, visitAt: iso(pending.at) };
      return v;
    }
    if (name) v.possibleMatches = await this.likelyMatches(key, name, now, policy);
    if (v.possibleMatches.some((m) => m.owner)) v.status = 'possible_match';
    return v;
  }

  private async likelyMatches(key: string, name: string, now: Date, policy: Policy): Promise<RawVerdict['possibleMatches']> {
    const trimmed = name.trim();
    const at = iso(now);
    const found = (
      await this.q<{ id: number; name: string; phone: string; phone_key: string }>('candidates', [trimmed, nameKey(trimmed), key])
    ).flatMap((c) => {
      const why = likelyMatch({ name: trimmed, phoneKey: key }, { name: c.name, phoneKey: c.phone_key });
      return why ? [{ ...c, why }] : [];
    });
    if (!found.length) return [];
    const ids = found.map((c) => c.id);
    if ((await this.q<{ linked: boolean }>('linked', [ids]))[0]!.linked) throw new Unsupported('a likely match has links');
    const rows = await this.q<RegRow & { handed: boolean }>('regsOf', [ids, at, iso(addDays(now, -(31 * policy.protectionMonths + 1)))]);
    if (rows.some((r) => r.handed)) throw new Unsupported('a likely match was handed over');
    const facts = factsOf(rows);
    return found.map((c) => {
      const side = consultantSide(history(facts.filter((f) => f.customerId === c.id)), c.id, now, policy);
      return { customerId: c.id, name: c.name, phone: maskPhone(c.phone), why: c.why, owner: side[0]?.consultant ?? null };
    });
  }

  private async today(now: Date) {
    const r = (await this.q<{ id: number; state: string }>('roster', [officeDay(now)]))[0];
    if (!r) throw new Error('no roster today');
    return { id: r.id, state: { ...emptyRoster(), ...(JSON.parse(r.state) as RosterState) } };
  }

  private async append(rosterId: number, state: RosterState, ev: RosterEvent, actor: string, at: string): Promise<RosterState> {
    const next = applyRosterEvent(state, ev);
    await this.q('insEvent', [rosterId, at, actor, ev.type, JSON.stringify(ev)]);
    await this.q('setState', [JSON.stringify(next), rosterId]);
    return next;
  }

  private async view(state: RosterState) {
    const busy = Object.values(state.busy).flatMap((l) => l.map((r) => r.visitId));
    const customers = new Map(
      (busy.length ? await this.q<{ id: number; name: string }>('busyNames', [busy]) : []).map((c) => [c.id, c.name]),
    );
    return state.queue.map((e) => ({
      id: e.id,
      name: this.name(e.id),
      status: e.status,
      receiving: (state.busy[e.id] ?? []).map((r) => ({ ...r, customerName: customers.get(r.visitId) ?? '' })),
    }));
  }

  private async route(verdict: RawVerdict, name: string, now: Date) {
    const roster = await this.today(now);
    const announced = verdict.customerId ? await this.q('announced', [verdict.customerId]) : await this.q('announcedByName', [name]);
    if (announced.length) throw new Unsupported('announced customer');
    const owners = verdict.owners.length
      ? verdict.owners.map((o) => o.id)
      : verdict.pendingToday
        ? [verdict.pendingToday.consultant.id]
        : [];
    return { roster, route: routeByOwners(roster.state, owners, this.policyAt(iso(now))) };
  }

  async deskLookup(phone: string, name: string | undefined, now: Date) {
    const verdict = await this.lookup(phone, name, now);
    const { roster, route } = await this.route(verdict, name ?? '', now);
    // where each owner is (free, receiving, absent…), as the desk shows it
    const owners = verdict.owners.map((o) => ({ ...o, presence: presenceOf(roster.state, o.id) }));
    return {
      ...verdict,
      owners,
      proposal: route ? { consultant: route.consultant, registeredFor: route.registeredFor, reception: route.reception } : null,
    };
  }

  walkIn(customer: { name: string; phone: string }, now: Date, actor: string) {
    return this.inWrite(async () => {
      const at = iso(now);
      const verdict = await this.lookup(customer.phone, customer.name, now);
      const { roster, route } = await this.route(verdict, customer.name, now);
      if (!route) throw new Unsupported('nobody is free');
      let customerId = verdict.customerId;
      if (customerId === null) {
        const phone = customer.phone.trim();
        customerId = (
          await this.q<{ id: number }>('insCustomer', [
            customer.name,
            phone,
            phoneKey(phone),
            nameKey(customer.name),
            nameInitials(customer.name),
            at,
            actor,
          ])
        )[0]!.id;
      }
      const visitId = (
        await this.q<{ id: number }>('insVisit', [customerId, at, route.consultant, route.reception, route.registeredFor, roster.id, actor])
      )[0]!.id;
      await this.q('insReg', [visitId, customerId, route.registeredFor, at, actor, at]);
      const state = await this.append(
        roster.id,
        roster.state,
        {
          type: 'assigned',
          visitId,
          consultant: route.consultant,
          reception: route.reception,
          turnUsed: route.turnUsed,
          lostTurns: route.lostTurns,
        },
        actor,
        at,
      );
      await this.q('audit', [at, actor, 'desk.walkIn', JSON.stringify({ customer })]);
      return { visitId, customerId, receivedBy: route.consultant, registeredFor: route.registeredFor, roster: await this.view(state) };
    });
  }

  finish(visitId: number, now: Date, actor: string) {
    return this.inWrite(async () => {
      const at = iso(now);
      const visit = (await this.q<{ id: number; roster_id: number; done: number }>('visit', [visitId]))[0];
      if (!visit || visit.done) throw new Unsupported('visit missing, finished or handed over');
      await this.q('insVisitEvent', [visitId, at, actor]);
      const roster = await this.today(now);
      let state = roster.state;
      if (roster.id === visit.roster_id && Object.values(state.busy).some((l) => l.some((r) => r.visitId === visitId))) {
        state = await this.append(roster.id, state, { type: 'finished', visitId }, actor, at);
        if (state.waiting.length && chooseRosterReceiver(state, this.policyAt(at))) throw new Unsupported('waiting customers');
      }
      await this.q('audit', [at, actor, 'desk.finish', JSON.stringify({ visit: visitId })]);
      return { visitId, roster: await this.view(state) };
    });
  }

  confirm(visitId: number, now: Date, actor: string) {
    return this.inWrite(async () => {
      const at = iso(now);
      const rows = await this.q<{ id: number; corrects_id: number | null; decision: string | null; corrected: string | null }>(
        'visitRegs',
        [visitId, at],
      );
      const latest = rows[rows.length - 1];
      if (!latest) throw new Unsupported(`no registration for visit ${visitId}`);
      const status = registrationStatus(
        {
          decision: latest.decision as Decision | null,
          corrects: latest.corrects_id,
          correctedDecision: latest.corrected as Decision | null,
        },
        false,
      );
      if (status !== 'pending') throw new Unsupported(`registration ${latest.id} is ${status}`);
      await this.q('insDecision', [latest.id, at, actor]);
      await this.q('audit', [at, actor, 'registration.confirm', JSON.stringify({ visit: visitId })]);
      return { visitId, registrationId: latest.id, status: 'confirmed' as const };
    });
  }

  async statement(month: string, now: Date) {
    const at = iso(now);
    const start = new Date(`${month}-01T00:00:00`);
    const bounds = [iso(start), iso(new Date(start.getFullYear(), start.getMonth() + 1, 1)), at];
    const deals = await this.q<{ id: number; customer_id: number; commission: number; on_spot: number; at: string; other: boolean }>(
      'deals',
      bounds,
    );
    if (deals.some((d) => d.other)) throw new Unsupported('a deal with links, handovers, company clients, referrals or disputes');
    const byCustomer = new Map<number, RegRow[]>();
    for (const r of await this.q<RegRow>('dealRegs', bounds)) byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r]);
    const totals: Record<string, number> = {};
    let payable = 0;
    let unresolved = 0;
    for (const d of deals) {
      const dealAt = fromIso(d.at);
      const side = consultantSide(history(factsOf(byCustomer.get(d.customer_id) ?? [])), d.customer_id, dealAt, this.policyAt(d.at), {
        at: dealAt,
        onSpot: !!d.on_spot,
      });
      try {
        for (const l of composeSplit(d.commission, side, [])) totals[l.beneficiary] = (totals[l.beneficiary] ?? 0) + l.amount;
        payable++;
      } catch {
        unresolved++;
      }
    }
    return { month, totals, payable, unresolved, held: 0 };
  }

  async rosterAt(moment: Date) {
    const rows = await this.q<{ roster_id: number; payload: string }>('rosterEvents', [officeDay(moment), iso(moment)]);
    if (!rows.length) return null;
    const state = rows.reduce((s, e) => applyRosterEvent(s, JSON.parse(e.payload) as RosterEvent), emptyRoster());
    return { rosterId: rows[0]!.roster_id, queue: await this.view(state) };
  }
}
