/**
 * The physical limit of each measured operation: the fewest raw better-sqlite3 prepared statements that
 * give the same answer, plus the same pure rules (src/domain) the services use. Staff names and the policy
 * are read once (a minimal program would cache them too); today's queue is kept while SQLite reports the
 * file unchanged, exactly as the services keep it. Links, handovers, company clients, referrals and
 * disputes are only checked for existence: the synthetic office has none, and a row found there makes the
 * raw side refuse (Unsupported) rather than answer differently. Phones of likely matches are masked, as
 * the desk shows them to the front desk (R-SEC-1).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { addDays } from 'date-fns';
import { consultantSide } from '../src/domain/attribution';
import { composeSplit } from '../src/domain/commission';
import { likelyMatch, type MatchWhy, phoneUnderOtherName } from '../src/domain/likely-match';
import { nameInitials, nameKey } from '../src/domain/names';
import { type Decision, protectionAt, type RegistrationFact, registrationFactsOf, registrationStatus } from '../src/domain/ownership';
import { phoneKey } from '../src/domain/phone';
import { type Policy, resolvePolicy } from '../src/domain/policy';
import { maskPhone } from '../src/services/confidentiality';
import { applyRosterEvent, chooseRosterReceiver, emptyRoster, presenceOf, type RosterEvent, type RosterState } from '../src/domain/roster';
import { fromIso, iso, officeDay } from '../src/domain/time';
import { routeByOwners } from './routing';

export class Unsupported extends Error {}

/** One registration row with its decision (and the decision of the record it corrects) as known at @at. */
const REG_COLUMNS = `r.id, r.visit_id, r.customer_id, r.consultant_id, r.registered_at, r.corrects_id, r.kind, v.source, v.reception, v.companion_customer_id,
  (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS decision,
  (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.corrects_id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS corrected`;
const OTHER_FACTS = (c: string) => `EXISTS (SELECT 1 FROM customer_links l WHERE l.customer_id = ${c} OR l.other_customer_id = ${c})
  OR EXISTS (SELECT 1 FROM visits hv JOIN visit_events he ON he.visit_id = hv.id WHERE hv.customer_id = ${c} AND he.type = 'handover' AND he.at <= @at)`;

export interface RegRow {
  id: number;
  visit_id: number;
  customer_id: number;
  consultant_id: string;
  registered_at: string;
  corrects_id: number | null;
  kind: string;
  source: string;
  reception: string;
  companion_customer_id: number | null;
  decision: string | null;
  corrected: string | null;
}

/** The rows as the domain's registration records; their status and introduction are decided there, as for the services. */
export function factsOf(rows: readonly RegRow[]): RegistrationFact[] {
  return registrationFactsOf(
    rows.map((r) => ({
      id: r.id,
      visitId: r.visit_id,
      customerId: r.customer_id,
      consultant: r.consultant_id,
      at: fromIso(r.registered_at),
      corrects: r.corrects_id,
      kind: r.kind,
      decision: r.decision as Decision | null,
      correctedDecision: r.corrected as Decision | null,
      source: r.source,
      reception: r.reception,
      withCompanion: r.companion_customer_id !== null,
    })),
  );
}

export const history = (registrations: RegistrationFact[]) => ({ registrations, identifications: [], households: [], handovers: [] });

export interface RawVerdict {
  status: 'new' | 'owned' | 'possible_match';
  customerId: number | null;
  owners: { id: string; name: string }[];
  until: string | null;
  pendingToday: { consultant: { id: string; name: string }; visitAt: string } | null;
  possibleMatches: { customerId: number; name: string; phone: string; why: MatchWhy; owner: string | null }[];
}

export class RawDesk {
  private readonly names: Map<string, string>;
  private readonly policies: { effective_at: string; id: number; policy: Policy }[];
  private readonly s;
  private kept: { generation: string; roster: { id: number; state: RosterState } } | null = null;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.names = new Map((db.prepare('SELECT id, name FROM staff').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
    this.policies = (
      db.prepare('SELECT id, effective_at, params FROM policy_versions ORDER BY effective_at DESC, id DESC').all() as {
        id: number;
        effective_at: string;
        params: string;
      }[]
    ).map((p) => ({ ...p, policy: resolvePolicy(JSON.parse(p.params)) }));
    this.s = {
      customer: db.prepare(`SELECT c.id AS cid, c.name AS cname, c.phone AS cphone, ${OTHER_FACTS('c.id')} AS other, ${REG_COLUMNS}
        FROM customers c LEFT JOIN registrations r ON r.customer_id = c.id AND r.created_at <= @at LEFT JOIN visits v ON v.id = r.visit_id
        WHERE c.id = (SELECT id FROM customers WHERE phone_key = @key ORDER BY id LIMIT 1) ORDER BY r.id`),
      // the newest 20 namesakes, each index walked backwards (an OR would sort every namesake)
      candidates: db.prepare(`SELECT * FROM (
          SELECT * FROM (SELECT id, name, phone, phone_key FROM customers WHERE name = @name AND phone_key != @key ORDER BY id DESC LIMIT 20)
          UNION SELECT * FROM (SELECT id, name, phone, phone_key FROM customers WHERE name_key = @nameKey AND phone_key != @key ORDER BY id DESC LIMIT 20)
        ) AS c ORDER BY id DESC LIMIT 20`),
      // registrations of those candidates who could be owned: one registered within the protection period
      linked: db.prepare(
        'SELECT EXISTS (SELECT 1 FROM customer_links WHERE customer_id IN (SELECT value FROM json_each(@ids)) OR other_customer_id IN (SELECT value FROM json_each(@ids))) AS linked',
      ),
      regsOf:
        db.prepare(`SELECT ${REG_COLUMNS}, EXISTS (SELECT 1 FROM visit_events he WHERE he.visit_id = r.visit_id AND he.type = 'handover' AND he.at <= @at) AS handed
        FROM registrations r JOIN visits v ON v.id = r.visit_id
        WHERE r.customer_id IN (SELECT DISTINCT customer_id FROM registrations WHERE customer_id IN (SELECT value FROM json_each(@ids)) AND registered_at > @since)
          AND r.created_at <= @at ORDER BY r.id`),
      roster: db.prepare(
        'SELECT r.id, r.day, s.state FROM rosters r JOIN roster_state s ON s.roster_id = r.id WHERE r.day = ? ORDER BY r.id DESC LIMIT 1',
      ),
      generation: db.prepare('SELECT (SELECT data_version FROM pragma_data_version()) AS dv, total_changes() AS tc'),
      announced: db.prepare('SELECT consultant_id, expected_at FROM announcements WHERE customer_id = ? ORDER BY id DESC'),
      announcedByName: db.prepare(
        "SELECT a.consultant_id, a.expected_at FROM announcements a JOIN customers c ON c.id = a.customer_id WHERE c.phone_key = '' AND c.name = ? ORDER BY a.id DESC",
      ),
      insCustomer: db.prepare(
        'INSERT INTO customers (name, phone, phone_key, name_key, name_initials, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insVisit: db.prepare(
        "INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, roster_id, companion_customer_id, recorded_by) VALUES (?, ?, ?, ?, 'walk_in', ?, ?, NULL, ?)",
      ),
      insReg: db.prepare(
        'INSERT INTO registrations (visit_id, customer_id, consultant_id, registered_at, corrects_id, reason, recorded_by, created_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?)',
      ),
      insEvent: db.prepare('INSERT INTO roster_events (roster_id, at, actor_id, type, payload) VALUES (?, ?, ?, ?, ?)'),
      setState: db.prepare('UPDATE roster_state SET state = ?, event_count = event_count + 1 WHERE roster_id = ?'),
      busyNames: db.prepare(
        'SELECT v.id, c.name FROM visits v JOIN customers c ON c.id = v.customer_id WHERE v.id IN (SELECT value FROM json_each(?))',
      ),
      audit: db.prepare('INSERT INTO audit_log (at, actor_id, method, detail) VALUES (?, ?, ?, ?)'),
      visit: db.prepare(
        "SELECT v.id, v.consultant_id, v.roster_id, (SELECT count(*) FROM visit_events e WHERE e.visit_id = v.id AND e.type IN ('finished', 'handover')) AS done FROM visits v WHERE v.id = ?",
      ),
      insVisitEvent: db.prepare("INSERT INTO visit_events (visit_id, at, type, payload, actor_id) VALUES (?, ?, 'finished', '{}', ?)"),
      visitRegs: db.prepare(`SELECT r.id, r.corrects_id,
        (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS decision,
        (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.corrects_id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS corrected
        FROM registrations r WHERE r.visit_id = @visit AND r.created_at <= @at ORDER BY r.id`),
      insDecision: db.prepare(
        "INSERT INTO registration_decisions (registration_id, at, decision, reason, actor_id) VALUES (?, ?, 'confirmed', NULL, ?)",
      ),
      deals: db.prepare(`SELECT d.id, d.customer_id, d.commission, d.on_spot, d.at, ${OTHER_FACTS('d.customer_id')}
          OR EXISTS (SELECT 1 FROM company_clients k WHERE k.customer_id = d.customer_id) OR EXISTS (SELECT 1 FROM referrals f WHERE f.customer_id = d.customer_id)
          OR EXISTS (SELECT 1 FROM disputes x WHERE (x.deal_id = d.id OR x.customer_id = d.customer_id) AND x.at <= @at) AS other
        FROM deals d WHERE d.at >= @start AND d.at < @end ORDER BY d.at, d.id`),
      dealRegs: db.prepare(`SELECT ${REG_COLUMNS} FROM registrations r JOIN visits v ON v.id = r.visit_id
        WHERE r.customer_id IN (SELECT customer_id FROM deals WHERE at >= @start AND at < @end) AND r.created_at <= @at ORDER BY r.id`),
      rosterEvents: db.prepare(`SELECT e.roster_id, e.payload FROM roster_events e
        WHERE e.roster_id = (SELECT id FROM rosters WHERE day = @day AND started_at <= @at ORDER BY id DESC LIMIT 1) AND e.at <= @at ORDER BY e.id`),
    };
  }

  private name = (id: string) => this.names.get(id) ?? id;
  private policyAt = (at: string) => this.policies.find((p) => p.effective_at <= at)?.policy ?? resolvePolicy({});

  /** desk.lookup's verdict: status, owners, protection end, today's pending registration, likely matches. */
  lookup(phone: string, name: string | undefined, now: Date): RawVerdict {
    const at = iso(now);
    const policy = this.policyAt(at);
    const key = phoneKey(phone);
    const rows = this.s.customer.all({ key, at }) as (RegRow & { cid: number; cname: string; cphone: string; other: number })[];
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
      // Other records of the same person under another number (the customer's own links excluded; it has none here).
      if (name) v.possibleMatches = this.likelyMatches(key, name, now, policy).filter((m) => m.customerId !== c.cid);
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
    if (name) v.possibleMatches = this.likelyMatches(key, name, now, policy);
    if (v.possibleMatches.some((m) => m.owner)) v.status = 'possible_match';
    return v;
  }

  private likelyMatches(key: string, name: string, now: Date, policy: Policy): RawVerdict['possibleMatches'] {
    const trimmed = name.trim();
    const at = iso(now);
    const found = (
      this.s.candidates.all({ name: trimmed, nameKey: nameKey(trimmed), key }) as {
        id: number;
        name: string;
        phone: string;
        phone_key: string;
      }[]
    ).flatMap((c) => {
      const why = likelyMatch({ name: trimmed, phoneKey: key }, { name: c.name, phoneKey: c.phone_key });
      return why ? [{ ...c, why }] : [];
    });
    if (!found.length) return [];
    const ids = JSON.stringify(found.map((c) => c.id));
    if ((this.s.linked.get({ ids }) as { linked: number }).linked) throw new Unsupported('a likely match has links');
    const rows = this.s.regsOf.all({ ids, at, since: iso(addDays(now, -(31 * policy.protectionMonths + 1))) }) as (RegRow & {
      handed: number;
    })[];
    if (rows.some((r) => r.handed)) throw new Unsupported('a likely match was handed over');
    const facts = factsOf(rows);
    return found.map((c) => {
      const side = consultantSide(history(facts.filter((f) => f.customerId === c.id)), c.id, now, policy);
      return { customerId: c.id, name: c.name, phone: maskPhone(c.phone), why: c.why, owner: side[0]?.consultant ?? null };
    });
  }

  /**
   * Today's queue, kept while SQLite reports the file unchanged, as the services keep it
   * (src/db/reference-cache); `written`: this transaction has already written, so nothing is kept.
   */
  private today(now: Date, written = false) {
    const { dv, tc } = this.s.generation.get() as { dv: number; tc: number };
    const day = officeDay(now);
    const generation = `${dv}:${tc}:${day}`;
    if (!written && this.kept?.generation === generation) return this.kept.roster;
    const r = this.s.roster.get(day) as { id: number; day: string; state: string } | undefined;
    if (!r) throw new Error('no roster today');
    const roster = { id: r.id, state: { ...emptyRoster(), ...(JSON.parse(r.state) as RosterState) } };
    if (!written) this.kept = { generation, roster };
    return roster;
  }

  private append(rosterId: number, state: RosterState, ev: RosterEvent, actor: string, at: string): RosterState {
    const next = applyRosterEvent(state, ev);
    this.s.insEvent.run(rosterId, at, actor, ev.type, JSON.stringify(ev));
    this.s.setState.run(JSON.stringify(next), rosterId);
    return next;
  }

  /** The queue as the desk shows it: who, their status, whom they are receiving (customer names). */
  private view(state: RosterState) {
    const busy = Object.values(state.busy).flatMap((l) => l.map((r) => r.visitId));
    const customers = new Map(
      (busy.length ? (this.s.busyNames.all(JSON.stringify(busy)) as { id: number; name: string }[]) : []).map((c) => [c.id, c.name]),
    );
    return state.queue.map((e) => ({
      id: e.id,
      name: this.name(e.id),
      status: e.status,
      receiving: (state.busy[e.id] ?? []).map((r) => ({ ...r, customerName: customers.get(r.visitId) ?? '' })),
    }));
  }

  /** Who would receive this customer now (today's queue, announcements, owners): the desk's proposal. */
  private route(verdict: RawVerdict, name: string, now: Date) {
    const roster = this.today(now);
    const announced = (verdict.customerId ? this.s.announced.all(verdict.customerId) : this.s.announcedByName.all(name)) as {
      consultant_id: string;
      expected_at: string;
    }[];
    if (announced.length) throw new Unsupported('announced customer');
    const owners = verdict.owners.length
      ? verdict.owners.map((o) => o.id)
      : verdict.pendingToday
        ? [verdict.pendingToday.consultant.id]
        : [];
    return { roster, route: routeByOwners(roster.state, owners, this.policyAt(iso(now))) };
  }

  /** desk.lookup's whole answer: the verdict and the proposed reception (consultant, in whose name, how). */
  deskLookup(phone: string, name: string | undefined, now: Date) {
    const verdict = this.lookup(phone, name, now);
    const { roster, route } = this.route(verdict, name ?? '', now);
    // where each owner is (free, receiving, absent…), as the desk shows it
    const owners = verdict.owners.map((o) => ({ ...o, presence: presenceOf(roster.state, o.id) }));
    return {
      ...verdict,
      owners,
      proposal: route ? { consultant: route.consultant, registeredFor: route.registeredFor, reception: route.reception } : null,
    };
  }

  /** desk.walkIn: verdict, routing, customer, visit, registration, roster event and queue, audit; one write transaction. */
  walkIn(customer: { name: string; phone: string }, now: Date, actor: string) {
    return this.db
      .transaction(() => {
        const at = iso(now);
        const verdict = this.lookup(customer.phone, customer.name, now);
        const { roster, route } = this.route(verdict, customer.name, now);
        if (!route) throw new Unsupported('nobody is free');
        let customerId = verdict.customerId;
        if (customerId === null) {
          const phone = customer.phone.trim();
          customerId = Number(
            this.s.insCustomer.run(customer.name, phone, phoneKey(phone), nameKey(customer.name), nameInitials(customer.name), at, actor)
              .lastInsertRowid,
          );
        }
        const visitId = Number(
          this.s.insVisit.run(customerId, at, route.consultant, route.reception, route.registeredFor, roster.id, actor).lastInsertRowid,
        );
        this.s.insReg.run(visitId, customerId, route.registeredFor, at, actor, at);
        const state = this.append(
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
        this.s.audit.run(at, actor, 'desk.walkIn', JSON.stringify({ customer }));
        return { visitId, customerId, receivedBy: route.consultant, registeredFor: route.registeredFor, roster: this.view(state) };
      })
      .immediate();
  }

  /** desk.finish: the visit is open, a finished event, the consultant free again; one write transaction. */
  finish(visitId: number, now: Date, actor: string) {
    return this.db
      .transaction(() => {
        const at = iso(now);
        const visit = this.s.visit.get(visitId) as { id: number; roster_id: number; done: number } | undefined;
        if (!visit || visit.done) throw new Unsupported('visit missing, finished or handed over');
        this.s.insVisitEvent.run(visitId, at, actor);
        const roster = this.today(now, true);
        let state = roster.state;
        if (roster.id === visit.roster_id && Object.values(state.busy).some((l) => l.some((r) => r.visitId === visitId))) {
          state = this.append(roster.id, state, { type: 'finished', visitId }, actor, at);
          if (state.waiting.length && chooseRosterReceiver(state, this.policyAt(at))) throw new Unsupported('waiting customers');
        }
        this.s.audit.run(at, actor, 'desk.finish', JSON.stringify({ visit: visitId }));
        return { visitId, roster: this.view(state) };
      })
      .immediate();
  }

  /** registration.confirm: the visit's registration in force is pending; the decision; audit. */
  confirm(visitId: number, now: Date, actor: string) {
    return this.db
      .transaction(() => {
        const at = iso(now);
        const rows = this.s.visitRegs.all({ visit: visitId, at }) as {
          id: number;
          corrects_id: number | null;
          decision: string | null;
          corrected: string | null;
        }[];
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
        this.s.insDecision.run(latest.id, at, actor);
        this.s.audit.run(at, actor, 'registration.confirm', JSON.stringify({ visit: visitId }));
        return { visitId, registrationId: latest.id, status: 'confirmed' as const };
      })
      .immediate();
  }

  /** statement.month: every deal of the month split by the same rules, totals per beneficiary. */
  statement(month: string, now: Date) {
    const at = iso(now);
    const start = new Date(`${month}-01T00:00:00`);
    const bounds = { start: iso(start), end: iso(new Date(start.getFullYear(), start.getMonth() + 1, 1)), at };
    const deals = this.s.deals.all(bounds) as {
      id: number;
      customer_id: number;
      commission: number;
      on_spot: number;
      at: string;
      other: number;
    }[];
    if (deals.some((d) => d.other)) throw new Unsupported('a deal with links, handovers, company clients, referrals or disputes');
    const byCustomer = new Map<number, RegRow[]>();
    for (const r of this.s.dealRegs.all(bounds) as RegRow[]) byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r]);
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

  /** roster.at: the day's events up to the moment, replayed by the same pure state machine. */
  rosterAt(moment: Date) {
    const rows = this.s.rosterEvents.all({ day: officeDay(moment), at: iso(moment) }) as { roster_id: number; payload: string }[];
    if (!rows.length) return null;
    const state = rows.reduce((s, e) => applyRosterEvent(s, JSON.parse(e.payload) as RosterEvent), emptyRoster());
    return { rosterId: rows[0]!.roster_id, queue: this.view(state) };
  }
}
