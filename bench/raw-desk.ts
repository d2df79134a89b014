/**
 * The physical limit of each measured operation, once for both engines: the fewest raw statements that give
 * the same answer as the services, plus the same pure rules (src/domain) the services use. The operations
 * are written here once, as generators that yield each statement they need (by name, with named `@params`)
 * and receive its rows; bench/raw.ts runs them on better-sqlite3 synchronously, bench/raw-postgres.ts on one
 * `pg` connection, awaiting each reply. Only where the SQL itself differs (a list parameter, RETURNING, how
 * today's queue is kept, the write lock) does an engine say it its own way.
 *
 * Staff names and the policy are read once (a minimal program would cache them too). Links, handovers and
 * announcements are only checked for existence: the synthetic office has none, and a row found there makes
 * the raw side refuse (Unsupported) rather than answer differently; so are company clients, referrals and
 * disputes of the statement month's deals. What the desk's verdict tells besides the owners is computed as the
 * services compute it: whether the person is in reception now or already waiting, a referral with its
 * appointment today still to be confirmed (R-REF-4), a company client (R-CO-1). Phones of likely matches are
 * masked, as the desk shows them to the front desk (R-SEC-1).
 */
import { addDays } from 'date-fns';
import { consultantSide } from '../src/domain/attribution';
import { composeSplit } from '../src/domain/commission';
import { type RegistrationRow, registrationRecordOf } from '../src/db/queries/ownership';
import { likelyMatch, type MatchWhy, phoneUnderOtherName } from '../src/domain/likely-match';
import { nameInitials, nameKey } from '../src/domain/names';
import { type Decision, protectionAt, type RegistrationFact, registrationFactsOf, registrationStatus } from '../src/domain/ownership';
import { phoneKey } from '../src/domain/phone';
import { type Policy, resolvePolicy } from '../src/domain/policy';
import { type ReferralStatus, referralStatusOf } from '../src/domain/referral';
import { applyRosterEvent, chooseRosterReceiver, emptyRoster, presenceOf, type RosterEvent, type RosterState } from '../src/domain/roster';
import { fromIso, iso, officeDay } from '../src/domain/time';
import { maskPhone } from '../src/services/confidentiality';
import { routeDecision } from './routing';

export class Unsupported extends Error {}

/** How an engine spells what the two do not share. */
export interface Dialect {
  /** `col ${anyOf('@ids')}`: the column is one of a list of ids (the list is passed as an array) */
  anyOf(param: string): string;
  /** appended to an INSERT whose new id the operation needs */
  returningId: string;
}

type Sql = string | ((d: Dialect) => string);

/** One registration row with its decision (and the decision of the record it corrects) as known at @at. */
const REG_COLUMNS = `r.id, r.visit_id, r.customer_id, r.consultant_id, r.registered_at, r.corrects_id, r.kind, v.source, v.reception, v.companion_customer_id,
  (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS decision,
  (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.corrects_id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS corrected_decision`;
const OTHER_FACTS = (c: string) => `EXISTS (SELECT 1 FROM customer_links l WHERE l.customer_id = ${c} OR l.other_customer_id = ${c})
  OR EXISTS (SELECT 1 FROM visits hv JOIN visit_events he ON he.visit_id = hv.id WHERE hv.customer_id = ${c} AND he.type = 'handover' AND he.at <= @at)`;

/** Every statement of the raw side, named; `@name` is a parameter (bound by name on SQLite, by position on PostgreSQL). */
export const STATEMENTS = {
  staff: 'SELECT id, name FROM staff',
  policies: 'SELECT id, effective_at, params FROM policy_versions ORDER BY effective_at DESC, id DESC',
  // the customer under this number with its registrations; whether a referral has its appointment today and
  // whether it is a company client ride along as two cheap EXISTS (a row found is then read in full)
  customer: `SELECT c.id AS cid, c.name AS cname, c.phone AS cphone, ${OTHER_FACTS('c.id')} AS other,
      EXISTS (SELECT 1 FROM referrals f WHERE f.customer_id = c.id AND f.appointment = @day) AS referred,
      EXISTS (SELECT 1 FROM company_clients k WHERE k.customer_id = c.id) AS company, ${REG_COLUMNS}
    FROM customers c LEFT JOIN registrations r ON r.customer_id = c.id AND r.created_at <= @at LEFT JOIN visits v ON v.id = r.visit_id
    WHERE c.id = (SELECT id FROM customers WHERE phone_key = @key ORDER BY id LIMIT 1) ORDER BY r.id`,
  // the referrals with their appointment today and the status the PM last recorded on each
  referralsToday: `SELECT f.id, f.referrer_id,
      (SELECT e.type FROM referral_events e WHERE e.referral_id = f.id AND e.at <= @at ORDER BY e.id DESC LIMIT 1) AS recorded
    FROM referrals f WHERE f.customer_id = @customer AND f.appointment = @day ORDER BY f.id`,
  companyClient: 'SELECT introduced_by, at FROM company_clients WHERE customer_id = @customer ORDER BY id LIMIT 1',
  // which of today's open receptions are this customer's
  receiving: (d) => `SELECT id FROM visits WHERE customer_id = @customer AND id ${d.anyOf('@visits')}`,
  // the newest 20 namesakes, each index walked backwards (an OR would sort every namesake)
  candidates: `SELECT * FROM (
      SELECT * FROM (SELECT id, name, phone, phone_key FROM customers WHERE name = @name AND phone_key != @key ORDER BY id DESC LIMIT 20) AS by_name
      UNION SELECT * FROM (SELECT id, name, phone, phone_key FROM customers WHERE name_key = @nameKey AND phone_key != @key ORDER BY id DESC LIMIT 20) AS by_pinyin
    ) AS c ORDER BY id DESC LIMIT 20`,
  linked: (d) =>
    `SELECT EXISTS (SELECT 1 FROM customer_links WHERE customer_id ${d.anyOf('@ids')} OR other_customer_id ${d.anyOf('@ids')}) AS linked`,
  // registrations of those candidates who could be owned: one registered within the protection period
  regsOf: (
    d,
  ) => `SELECT ${REG_COLUMNS}, EXISTS (SELECT 1 FROM visit_events he WHERE he.visit_id = r.visit_id AND he.type = 'handover' AND he.at <= @at) AS handed
    FROM registrations r JOIN visits v ON v.id = r.visit_id
    WHERE r.customer_id IN (SELECT DISTINCT customer_id FROM registrations WHERE customer_id ${d.anyOf('@ids')} AND registered_at > @since)
      AND r.created_at <= @at ORDER BY r.id`,
  roster:
    'SELECT r.id, r.day, s.state FROM rosters r JOIN roster_state s ON s.roster_id = r.id WHERE r.day = @day ORDER BY r.id DESC LIMIT 1',
  announced: 'SELECT consultant_id, expected_at FROM announcements WHERE customer_id = @customer ORDER BY id DESC',
  announcedByName:
    "SELECT a.consultant_id, a.expected_at FROM announcements a JOIN customers c ON c.id = a.customer_id WHERE c.phone_key = '' AND c.name = @name ORDER BY a.id DESC",
  insCustomer: (d) =>
    `INSERT INTO customers (name, phone, phone_key, name_key, name_initials, created_at, created_by) VALUES (@name, @phone, @phoneKey, @nameKey, @initials, @at, @actor)${d.returningId}`,
  insVisit: (d) =>
    `INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, roster_id, companion_customer_id, recorded_by) VALUES (@customer, @at, @consultant, @reception, 'walk_in', @registeredFor, @roster, NULL, @actor)${d.returningId}`,
  insReg:
    'INSERT INTO registrations (visit_id, customer_id, consultant_id, registered_at, corrects_id, reason, recorded_by, created_at) VALUES (@visit, @customer, @consultant, @at, NULL, NULL, @actor, @at)',
  insEvent: 'INSERT INTO roster_events (roster_id, at, actor_id, type, payload) VALUES (@roster, @at, @actor, @type, @payload)',
  setState: 'UPDATE roster_state SET state = @state, event_count = event_count + 1 WHERE roster_id = @roster',
  busyNames: (d) => `SELECT v.id, c.name FROM visits v JOIN customers c ON c.id = v.customer_id WHERE v.id ${d.anyOf('@ids')}`,
  audit: 'INSERT INTO audit_log (at, actor_id, method, detail) VALUES (@at, @actor, @method, @detail)',
  visit:
    "SELECT v.id, v.consultant_id, v.roster_id, (SELECT count(*) FROM visit_events e WHERE e.visit_id = v.id AND e.type IN ('finished', 'handover')) AS done FROM visits v WHERE v.id = @visit",
  insVisitEvent: "INSERT INTO visit_events (visit_id, at, type, payload, actor_id) VALUES (@visit, @at, 'finished', '{}', @actor)",
  visitRegs: `SELECT r.id, r.corrects_id,
      (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS decision,
      (SELECT d.decision FROM registration_decisions d WHERE d.registration_id = r.corrects_id AND d.at <= @at ORDER BY d.id DESC LIMIT 1) AS corrected
    FROM registrations r WHERE r.visit_id = @visit AND r.created_at <= @at ORDER BY r.id`,
  insDecision:
    "INSERT INTO registration_decisions (registration_id, at, decision, reason, actor_id) VALUES (@registration, @at, 'confirmed', NULL, @actor)",
  deals: `SELECT d.id, d.customer_id, d.commission, d.on_spot, d.at, ${OTHER_FACTS('d.customer_id')}
      OR EXISTS (SELECT 1 FROM company_clients k WHERE k.customer_id = d.customer_id) OR EXISTS (SELECT 1 FROM referrals f WHERE f.customer_id = d.customer_id)
      OR EXISTS (SELECT 1 FROM disputes x WHERE (x.deal_id = d.id OR x.customer_id = d.customer_id) AND x.at <= @at) AS other
    FROM deals d WHERE d.at >= @start AND d.at < @end ORDER BY d.at, d.id`,
  dealRegs: `SELECT ${REG_COLUMNS} FROM registrations r JOIN visits v ON v.id = r.visit_id
    WHERE r.customer_id IN (SELECT customer_id FROM deals WHERE at >= @start AND at < @end) AND r.created_at <= @at ORDER BY r.id`,
  rosterEvents: `SELECT e.roster_id, e.payload FROM roster_events e
    WHERE e.roster_id = (SELECT id FROM rosters WHERE day = @day AND started_at <= @at ORDER BY id DESC LIMIT 1) AND e.at <= @at ORDER BY e.id`,
} satisfies Record<string, Sql>;

export type StatementName = keyof typeof STATEMENTS;

/** A statement's text in one engine's dialect. */
export const statementText = (name: StatementName, d: Dialect): string => {
  const s: Sql = STATEMENTS[name];
  return typeof s === 'string' ? s : s(d);
};

export type Params = Record<string, unknown>;

/** What an operation asks its engine for: rows, a new row's id, a write, or today's queue (kept as each engine keeps it). */
export type Op = { op: 'rows' | 'run' | 'insert'; name: StatementName; params: Params } | { op: 'today'; day: string; written: boolean };

/** An operation: yields each statement it needs, receives the answer (rows, id, today's queue), returns the result. */
export type Step<T> = Generator<Op, T, unknown>;

function* rows<T>(name: StatementName, params: Params = {}): Step<T[]> {
  return (yield { op: 'rows', name, params }) as T[];
}
function* insert(name: StatementName, params: Params): Step<number> {
  return Number(yield { op: 'insert', name, params });
}
function* run(name: StatementName, params: Params): Step<void> {
  yield { op: 'run', name, params };
}

export interface LoadedRoster {
  id: number;
  state: RosterState;
}

/** Today's queue as stored (roster_state), as the services read it. */
export const rosterOf = (r: { id: number; state: string }): LoadedRoster => ({
  id: r.id,
  state: { ...emptyRoster(), ...(JSON.parse(r.state) as RosterState) },
});

function* today(now: Date, written = false): Step<LoadedRoster> {
  const roster = (yield { op: 'today', day: officeDay(now), written }) as LoadedRoster | undefined;
  if (!roster) throw new Error('no roster today');
  return roster;
}

/** A registration row with its decision and the corrected record's, as the services read it (src/db/queries/ownership.ts). */
export type RegRow = RegistrationRow;

/** The rows as the domain's registration records; their status and introduction are decided there, as for the services. */
export const factsOf = (rows: readonly RegRow[]): RegistrationFact[] => registrationFactsOf(rows.map(registrationRecordOf));

export const history = (registrations: RegistrationFact[]) => ({ registrations, identifications: [], households: [], handovers: [] });

type Named = { id: string; name: string };

/** desk.lookup's verdict as the raw side computes it (the services' Verdict, less `receivers` and each owner's presence). */
export interface RawVerdict {
  status: 'new' | 'owned' | 'possible_match';
  customerId: number | null;
  name: string | null;
  owners: Named[];
  until: string | null;
  pendingToday: { consultant: Named; visitAt: string } | null;
  possibleMatches: { customerId: number; name: string; phone: string; why: MatchWhy; owner: string | null }[];
  inReception: { visitId: number; consultant: Named } | null;
  waitingAlready: { waitId: number; position: number } | null;
  referralToday: { referralId: number; referrer: Named } | null;
  companyClient: { introducedBy: string; since: string } | null;
}

/** The desk's proposal as the raw side computes it: whom, in whose name, how; or waiting, or refused and why. */
export interface RawProposal {
  consultant: string | null;
  registeredFor: string | null;
  reception: string | null;
  waiting: boolean;
  refused: { reason: string } | null;
}

/**
 * desk.lookup's whole answer as compared (service ↔ raw; a difference is a MISMATCH line): the verdict's facts
 * with the owners as who and their name (each owner's presence is compared through the proposal it decides),
 * and the proposal. Either side's shape: the service names staff as {id, name}, the raw side by id.
 */
export function answerOf(v: any): string {
  const id = (s: any) => s?.id ?? s ?? null;
  return JSON.stringify([
    v.status,
    v.customerId,
    v.name,
    v.owners.map((o: Named) => ({ id: o.id, name: o.name })),
    v.until,
    v.pendingToday,
    v.possibleMatches,
    v.inReception,
    v.waitingAlready,
    v.referralToday,
    v.companyClient,
    id(v.proposal?.consultant),
    id(v.proposal?.registeredFor),
    v.proposal?.reception ?? null,
    v.proposal?.waiting ?? null,
    v.proposal?.refused?.reason ?? null,
  ]);
}

type CustomerRow = RegRow & { cid: number; cname: string; cphone: string; other: unknown; referred: unknown; company: unknown };

/** The operations, engine-free; staff names and the policy versions read once by `load`. */
export class RawDeskOps {
  private constructor(
    private readonly names: Map<string, string>,
    private readonly policies: { effective_at: string; policy: Policy }[],
  ) {}

  static *load(): Step<RawDeskOps> {
    const staff = yield* rows<Named>('staff');
    const policies = yield* rows<{ effective_at: string; params: string }>('policies');
    return new RawDeskOps(
      new Map(staff.map((r) => [r.id, r.name])),
      policies.map((p) => ({ effective_at: p.effective_at, policy: resolvePolicy(JSON.parse(p.params)) })),
    );
  }

  private name = (id: string) => this.names.get(id) ?? id;
  private named = (id: string): Named => ({ id, name: this.name(id) });
  private policyAt = (at: string) => this.policies.find((p) => p.effective_at <= at)?.policy ?? resolvePolicy({});

  /** desk.lookup's verdict: status, owners, protection end, today's pending registration, likely matches, and what today's roster says. */
  *lookup(phone: string, name: string | undefined, now: Date): Step<RawVerdict> {
    return yield* this.verdict(phone, name, now, yield* today(now));
  }

  private *verdict(phone: string, name: string | undefined, now: Date, roster: LoadedRoster): Step<RawVerdict> {
    const at = iso(now);
    const day = officeDay(now);
    const policy = this.policyAt(at);
    const key = phoneKey(phone);
    const found = yield* rows<CustomerRow>('customer', { key, at, day });
    const c = found[0];
    const v: RawVerdict = {
      status: 'new',
      customerId: c?.cid ?? null,
      name: c?.cname ?? null,
      owners: [],
      until: null,
      pendingToday: null,
      possibleMatches: [],
      inReception: null,
      waitingAlready: null,
      referralToday: null,
      companyClient: null,
    };
    const waiting = roster.state.waiting.findIndex((w) => phoneKey(w.phone) === key);
    if (waiting >= 0) v.waitingAlready = { waitId: roster.state.waiting[waiting]!.waitId, position: waiting + 1 };
    if (!c) {
      if (name) v.possibleMatches = yield* this.likelyMatches(key, name, now, policy);
      if (v.possibleMatches.some((m) => m.owner)) v.status = 'possible_match';
      return v;
    }
    if (c.other) throw new Unsupported(`customer ${c.cid} has links or handovers`);
    const facts = factsOf(found.filter((r) => r.id !== null));
    // in reception now (the customer has no other record here: no links)
    const open = Object.entries(roster.state.busy).flatMap(([consultant, list]) => list.map((r) => ({ consultant, visitId: r.visitId })));
    if (open.length) {
      const mine = new Set(
        (yield* rows<{ id: number }>('receiving', { customer: c.cid, visits: open.map((o) => o.visitId) })).map((r) => r.id),
      );
      const receiving = open.find((o) => mine.has(o.visitId));
      if (receiving) v.inReception = { visitId: receiving.visitId, consultant: this.named(receiving.consultant) };
    }
    if (c.referred) {
      // R-REF-4: the last referral with today's appointment still pending
      for (const r of yield* rows<{ id: number; referrer_id: string; recorded: string | null }>('referralsToday', {
        customer: c.cid,
        at,
        day,
      })) {
        const status = referralStatusOf(
          { recorded: r.recorded as ReferralStatus | null, appointmentDay: day, cameOnAppointment: false },
          now,
        );
        if (status === 'pending') v.referralToday = { referralId: r.id, referrer: this.named(r.referrer_id) };
      }
    }
    if (c.company) {
      const k = (yield* rows<{ introduced_by: string; at: string }>('companyClient', { customer: c.cid }))[0]!;
      v.companyClient = { introducedBy: k.introduced_by, since: k.at };
    }
    const side = consultantSide(history(facts), c.cid, now, policy);
    if (side.length) {
      const p = protectionAt(facts, now, policy.protectionMonths);
      v.status = 'owned';
      v.owners = side.map((o) => this.named(o.consultant));
      v.until = p ? officeDay(p.until) : null;
    }
    // Other records of the same person under another number (the customer's own links excluded; it has none here).
    if (name) v.possibleMatches = (yield* this.likelyMatches(key, name, now, policy)).filter((m) => m.customerId !== c.cid);
    const other = name ? phoneUnderOtherName(c.cname, name) : null;
    if (other)
      v.possibleMatches.push({ customerId: c.cid, name: c.cname, phone: maskPhone(c.cphone), why: other, owner: v.owners[0]?.id ?? null });
    const pending = facts.find((f) => f.status === 'pending' && officeDay(f.at) === day);
    if (pending) v.pendingToday = { consultant: this.named(pending.consultant), visitAt: iso(pending.at) };
    return v;
  }

  private *likelyMatches(key: string, name: string, now: Date, policy: Policy): Step<RawVerdict['possibleMatches']> {
    const trimmed = name.trim();
    const at = iso(now);
    const candidates = yield* rows<{ id: number; name: string; phone: string; phone_key: string }>('candidates', {
      name: trimmed,
      nameKey: nameKey(trimmed),
      key,
    });
    const found = candidates.flatMap((c) => {
      const why = likelyMatch({ name: trimmed, phoneKey: key }, { name: c.name, phoneKey: c.phone_key });
      return why ? [{ ...c, why }] : [];
    });
    if (!found.length) return [];
    const ids = found.map((c) => c.id);
    if ((yield* rows<{ linked: unknown }>('linked', { ids }))[0]!.linked) throw new Unsupported('a likely match has links');
    const regs = yield* rows<RegRow & { handed: unknown }>('regsOf', {
      ids,
      at,
      since: iso(addDays(now, -(31 * policy.protectionMonths + 1))),
    });
    if (regs.some((r) => r.handed)) throw new Unsupported('a likely match was handed over');
    const facts = factsOf(regs);
    return found.map((c) => {
      const side = consultantSide(history(facts.filter((f) => f.customerId === c.id)), c.id, now, policy);
      return { customerId: c.id, name: c.name, phone: maskPhone(c.phone), why: c.why, owner: side[0]?.consultant ?? null };
    });
  }

  private *append(rosterId: number, state: RosterState, ev: RosterEvent, actor: string, at: string): Step<RosterState> {
    const next = applyRosterEvent(state, ev);
    yield* run('insEvent', { roster: rosterId, at, actor, type: ev.type, payload: JSON.stringify(ev) });
    yield* run('setState', { state: JSON.stringify(next), roster: rosterId });
    return next;
  }

  /** The queue as the desk shows it: who, their status, whom they are receiving (customer names). */
  private *view(state: RosterState) {
    const busy = Object.values(state.busy).flatMap((l) => l.map((r) => r.visitId));
    const customers = new Map(
      (busy.length ? yield* rows<{ id: number; name: string }>('busyNames', { ids: busy }) : []).map((c) => [c.id, c.name]),
    );
    return state.queue.map((e) => ({
      id: e.id,
      name: this.name(e.id),
      status: e.status,
      receiving: (state.busy[e.id] ?? []).map((r) => ({ ...r, customerName: customers.get(r.visitId) ?? '' })),
    }));
  }

  /** How the desk would receive this customer now (today's queue, announcements, owners, a reception or a place held already). */
  private *route(verdict: RawVerdict, name: string, now: Date, roster: LoadedRoster) {
    const announced = verdict.customerId
      ? yield* rows('announced', { customer: verdict.customerId })
      : yield* rows('announcedByName', { name });
    if (announced.length) throw new Unsupported('announced customer');
    const owners = verdict.owners.length
      ? verdict.owners.map((o) => o.id)
      : verdict.pendingToday
        ? [verdict.pendingToday.consultant.id]
        : [];
    return routeDecision(roster.state, owners, this.policyAt(iso(now)), {
      inReception: verdict.inReception && {
        ...verdict.inReception,
        consultant: verdict.inReception.consultant.id,
        name: verdict.inReception.consultant.name,
      },
      waitingAlready: verdict.waitingAlready,
    });
  }

  /** desk.lookup's whole answer: the verdict (each owner where they are now) and the proposed reception. */
  *deskLookup(phone: string, name: string | undefined, now: Date) {
    const roster = yield* today(now);
    const verdict = yield* this.verdict(phone, name, now, roster);
    const decision = yield* this.route(verdict, name ?? '', now, roster);
    const route = decision.kind === 'route' ? decision.route : null;
    const proposal: RawProposal = {
      consultant: route?.consultant ?? null,
      registeredFor: route?.registeredFor ?? null,
      reception: route?.reception ?? null,
      waiting: decision.kind === 'wait',
      refused: decision.kind === 'refused' ? { reason: decision.reason } : null,
    };
    return { ...verdict, owners: verdict.owners.map((o) => ({ ...o, presence: presenceOf(roster.state, o.id) })), proposal };
  }

  /** desk.walkIn: verdict, routing, customer, visit, registration, roster event and queue, audit (the engine's one write transaction). */
  *walkIn(customer: { name: string; phone: string }, now: Date, actor: string) {
    const at = iso(now);
    const roster = yield* today(now);
    const verdict = yield* this.verdict(customer.phone, customer.name, now, roster);
    const decision = yield* this.route(verdict, customer.name, now, roster);
    if (decision.kind !== 'route') throw new Unsupported(decision.kind === 'wait' ? 'nobody is free' : decision.reason);
    const { route } = decision;
    let customerId = verdict.customerId;
    if (customerId === null) {
      const phone = customer.phone.trim();
      const n = customer.name;
      customerId = yield* insert('insCustomer', {
        name: n,
        phone,
        phoneKey: phoneKey(phone),
        nameKey: nameKey(n),
        initials: nameInitials(n),
        at,
        actor,
      });
    }
    const visitId = yield* insert('insVisit', {
      customer: customerId,
      at,
      consultant: route.consultant,
      reception: route.reception,
      registeredFor: route.registeredFor,
      roster: roster.id,
      actor,
    });
    yield* run('insReg', { visit: visitId, customer: customerId, consultant: route.registeredFor, at, actor });
    const { consultant, reception, turnUsed, lostTurns } = route;
    const state = yield* this.append(
      roster.id,
      roster.state,
      { type: 'assigned', visitId, consultant, reception, turnUsed, lostTurns },
      actor,
      at,
    );
    yield* run('audit', { at, actor, method: 'desk.walkIn', detail: JSON.stringify({ customer }) });
    return { visitId, customerId, receivedBy: route.consultant, registeredFor: route.registeredFor, roster: yield* this.view(state) };
  }

  /** desk.finish: the visit is open, a finished event, the consultant free again. */
  *finish(visitId: number, now: Date, actor: string) {
    const at = iso(now);
    const visit = (yield* rows<{ id: number; roster_id: number; done: number }>('visit', { visit: visitId }))[0];
    if (!visit || visit.done) throw new Unsupported('visit missing, finished or handed over');
    yield* run('insVisitEvent', { visit: visitId, at, actor });
    const roster = yield* today(now, true);
    let state = roster.state;
    if (roster.id === visit.roster_id && Object.values(state.busy).some((l) => l.some((r) => r.visitId === visitId))) {
      state = yield* this.append(roster.id, state, { type: 'finished', visitId }, actor, at);
      if (state.waiting.length && chooseRosterReceiver(state, this.policyAt(at))) throw new Unsupported('waiting customers');
    }
    yield* run('audit', { at, actor, method: 'desk.finish', detail: JSON.stringify({ visit: visitId }) });
    return { visitId, roster: yield* this.view(state) };
  }

  /** registration.confirm: the visit's registration in force is pending; the decision; audit. */
  *confirm(visitId: number, now: Date, actor: string) {
    const at = iso(now);
    const regs = yield* rows<{ id: number; corrects_id: number | null; decision: string | null; corrected: string | null }>('visitRegs', {
      visit: visitId,
      at,
    });
    const latest = regs[regs.length - 1];
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
    yield* run('insDecision', { registration: latest.id, at, actor });
    yield* run('audit', { at, actor, method: 'registration.confirm', detail: JSON.stringify({ visit: visitId }) });
    return { visitId, registrationId: latest.id, status: 'confirmed' as const };
  }

  /** statement.month: every deal of the month split by the same rules, totals per beneficiary. */
  *statement(month: string, now: Date) {
    const start = new Date(`${month}-01T00:00:00`);
    const bounds = { start: iso(start), end: iso(new Date(start.getFullYear(), start.getMonth() + 1, 1)), at: iso(now) };
    const deals = yield* rows<{ id: number; customer_id: number; commission: number; on_spot: number; at: string; other: unknown }>(
      'deals',
      bounds,
    );
    if (deals.some((d) => d.other)) throw new Unsupported('a deal with links, handovers, company clients, referrals or disputes');
    const byCustomer = new Map<number, RegRow[]>();
    for (const r of yield* rows<RegRow>('dealRegs', bounds)) byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r]);
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
  *rosterAt(moment: Date) {
    const events = yield* rows<{ roster_id: number; payload: string }>('rosterEvents', { day: officeDay(moment), at: iso(moment) });
    if (!events.length) return null;
    const state = events.reduce((s, e) => applyRosterEvent(s, JSON.parse(e.payload) as RosterEvent), emptyRoster());
    return { rosterId: events[0]!.roster_id, queue: yield* this.view(state) };
  }
}

type Maybe<T> = T | Promise<T>;
type Result<G> = G extends Step<infer T> ? T : never;
export type Operation = 'lookup' | 'deskLookup' | 'walkIn' | 'finish' | 'confirm' | 'statement' | 'rosterAt';

/** The raw side of each measured operation, whichever engine runs it. */
export type RawSide = { [K in Operation]: (...a: Parameters<RawDeskOps[K]>) => Maybe<Result<ReturnType<RawDeskOps[K]>>> };

/**
 * The operations on one engine: `read` runs an operation's statements as they come, `write` in one write
 * transaction (BEGIN IMMEDIATE on SQLite, the office group's write lock on PostgreSQL).
 */
export function rawSide(ops: RawDeskOps, read: <T>(s: Step<T>) => Maybe<T>, write: <T>(s: Step<T>) => Maybe<T>): RawSide {
  return {
    lookup: (phone, name, now) => read(ops.lookup(phone, name, now)),
    deskLookup: (phone, name, now) => read(ops.deskLookup(phone, name, now)),
    statement: (month, now) => read(ops.statement(month, now)),
    rosterAt: (moment) => read(ops.rosterAt(moment)),
    walkIn: (customer, now, actor) => write(ops.walkIn(customer, now, actor)),
    finish: (visitId, now, actor) => write(ops.finish(visitId, now, actor)),
    confirm: (visitId, now, actor) => write(ops.confirm(visitId, now, actor)),
  };
}
