/** The customer page: the whole history in time order, and who owns the customer now and why (R-OWN-*, cited). */
import type { Kysely } from 'kysely';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Database } from '../db/schema';
import { formatYuan } from '../domain/money';
import type { Policy } from '../domain/policy';
import { fromIso, iso, officeDay } from '../domain/time';
import { format } from 'date-fns';
import { staffNameMap, staffNames } from './common';
import type { Actor } from './context';
import { splitsOfDeals } from './deals';
import { holds } from '../api/spec';
import { MANAGERS } from '../domain/roles';
import { maskPhone, maskPhonesIn, revealPhone } from './confidentiality';
import { customerHistory, linkedIn, personNow } from './history';
import { citationZh } from './words-zh';
import { customerHead, customerPageFacts } from '../db/queries/customer-page';
import { customersByIds } from '../db/queries/mine';

type Tx = Kysely<Database>;
const RECEPTION: Record<string, string> = { roster: '轮排', designated: '指定接待', voluntary: '义务接待', owner: '原售楼员接待', introduced: '老带新' };

interface Entry {
  at: string;
  kind: string;
  text: string;
  by: string | null;
  /** the visit this entry is about, where there is one (to confirm a referral against, to open) */
  visitId?: number;
}

/**
 * A deal's price and commission on the customer page: for managers and the sales assistant (statements), and
 * for a consultant only on a deal they have a share of or recorded — never a colleague's (issue 17 item 16).
 */
async function dealMoneyVisibleTo(tx: Tx, actor: Actor, deals: readonly { id: number; recorded_by: string }[], now: Date): Promise<Set<number>> {
  if (holds(actor, [...MANAGERS, 'sales_assistant'])) return new Set(deals.map((d) => d.id));
  const splits = await splitsOfDeals(tx, deals.map((d) => d.id), now);
  return new Set(deals.filter((d) => d.recorded_by === actor.id || splits.get(d.id)?.lines.some((l) => l.beneficiary === actor.id)).map((d) => d.id));
}

async function historyOf(tx: Tx, ids: number[], now: Date, name: (id: string | null) => string, actor: Actor): Promise<Entry[]> {
  const f = await customerPageFacts(tx, ids, iso(now));
  const out: Entry[] = [];
  for (const v of f.visits) {
    const forOwner = v.registered_for !== v.consultant_id ? `，登记在 ${name(v.registered_for)} 名下` : '';
    out.push({ at: v.at, kind: 'visit', text: `来访，由 ${name(v.consultant_id)} 接待（${RECEPTION[v.reception] ?? v.reception}${forOwner}）`, by: v.recorded_by, visitId: v.id });
  }
  for (const e of f.visitEvents) {
    const p = JSON.parse(e.payload) as Record<string, unknown>;
    const text =
      e.type === 'finished'
        ? '接待结束'
        : e.type === 'handover' && p.kind === 'switch'
          ? `客户要求更换，经理同意由 ${name(p.to as string)} 接待${p.solicited ? '（被指定者有怂恿行为）' : ''}`
          : e.type === 'handover'
            ? `客户拒绝 ${name(p.from as string)}，按轮排改由 ${name(p.to as string)} 接待，原接待轮空（R-ROS-10）`
            : `客户要求更换售楼员：${p.outcome === 'penalty_recorded' ? '一般过错，已记录处罚，继续接待' : '无过错，不予支持'}（R-OWN-12）`;
    out.push({ at: e.at, kind: e.type, text, by: e.actor_id });
  }
  for (const r of f.registrations.filter((r) => r.kind === 'correction')) {
    const changes = JSON.parse(r.changes ?? '{}') as Record<string, { from: string; to: string }>;
    const label: Record<string, string> = { consultant: '售楼员', name: '姓名', phone: '电话' };
    const what = Object.entries(changes).map(([k, c]) => `${label[k] ?? k} ${k === 'consultant' ? name(c.from) : c.from} → ${k === 'consultant' ? name(c.to) : c.to}`);
    out.push({ at: r.created_at, kind: 'correction', text: `更正登记：${what.join('，')}（原因：${r.reason}）（R-OWN-4）`, by: r.recorded_by });
  }
  for (const d of f.decisions) {
    out.push({ at: d.at, kind: 'decision', text: d.decision === 'confirmed' ? '项目经理确认登记' : `项目经理驳回登记（原因：${d.reason}）`, by: d.actor_id });
  }
  for (const q of f.calls) {
    out.push({ at: q.at, kind: 'call', text: `来电咨询，${name(q.consultant_id)} 接听${q.note ? `：${q.note}` : ''}（来电不产生归属，R-OWN-6）`, by: q.consultant_id });
  }
  for (const a of f.announcements) {
    out.push({ at: a.at, kind: 'announcement', text: `${name(a.consultant_id)} 登记：老客户将介绍来访，预计 ${format(fromIso(a.expected_at), 'yyyy-MM-dd HH:mm')}（R-OWN-9a）`, by: a.consultant_id });
  }
  for (const l of f.links) {
    out.push({ at: l.at, kind: l.type, text: l.type === 'identified' ? `项目经理认定客户记录 ${l.customer_id} 与 ${l.other_customer_id} 为同一人（R-OWN-8）` : `项目经理认定客户 ${l.customer_id} 与 ${l.other_customer_id} 为夫妻（R-OWN-10）`, by: l.actor_id });
  }
  for (const r of f.referrals) {
    out.push({ at: r.at, kind: 'referral', text: `员工 ${name(r.referrer_id)} 推介登记，预约 ${r.appointment} 来访（R-REF-1）`, by: r.actor_id });
  }
  for (const c of f.companyClients) {
    out.push({ at: c.at, kind: 'company', text: `登记为公司客户，介绍人：${c.introduced_by}（R-CO-1）`, by: c.actor_id });
  }
  const deals = f.deals;
  const money = deals.length ? await dealMoneyVisibleTo(tx, actor, deals, now) : new Set<number>();
  for (const d of deals) {
    const amounts = money.has(d.id) ? `，成交价 ${formatYuan(d.price)}，佣金 ${formatYuan(d.commission)}` : '';
    out.push({ at: d.at, kind: 'deal', text: `成交 ${d.unit}${amounts}${d.on_spot ? '（当场成交）' : ''}`, by: d.recorded_by });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

export async function explainOwnership(tx: Tx, customerId: number, now: Date, policy: Policy): Promise<{ owners: { id: string; name: string; bps: number; cites: { rule: string; text: string }[] }[]; until: string | null; explanation: string }> {
  // the person's protection, whichever of their numbers the visits came under (src/domain/person)
  const { person } = await personNow(tx, customerId, now, policy);
  const names = await staffNames(tx, person.side.map((s) => s.consultant));
  // TEMPORARY: the page still explains in sentences; its citations are worded here until its screen words them itself
  const owners = person.side.map((s) => ({ id: s.consultant, name: names[s.consultant] ?? s.consultant, bps: s.bps, cites: s.cites.map((c) => ({ rule: c.rule, text: citationZh(c) })) }));
  const p = person.protection;
  const until = p ? officeDay(p.until) : null;
  if (owners.length === 0) {
    return { owners, until, explanation: '目前没有售楼员拥有该客户：没有经项目经理确认且在保护期内的登记（R-OWN-2、R-OWN-3）。再次来访按新客户由轮排接待。' };
  }
  if (owners.length === 1 && owners[0]!.cites.length === 0 && p) {
    return { owners, until, explanation: `归属 ${owners[0]!.name}：${officeDay(p.since)} 来访登记并经项目经理确认（R-OWN-1、R-OWN-3），保护期一个月，以最近一次来访起算，至 ${until}（R-OWN-2）。` };
  }
  const shares = owners.map((o) => `${o.name} ${o.bps / 100}%`).join('、');
  const reasons = [...new Set(owners.flatMap((o) => o.cites.map((c) => c.text)))].join('；');
  return { owners, until, explanation: `归属 ${shares}：${reasons}。` };
}

export const customerPageHandlers = {
  'customer.get': handle('customer.get', {
    run: async ({ tx, actor, input, now, policy }) => {
      const found = await customerHead(tx, input.customer);
      if (!found) throw refuse('customer_not_found', { customerId: input.customer });
      // R-SEC-1: the full number for the owner and managers (logged when not the owner), masked otherwise
      const reveal = await revealPhone(tx, actor, found, now, policy, 'customer.get');
      const customer = { ...found, phone: reveal.phone, phoneMasked: !reveal.full };
      const history = await customerHistory(tx, customer.id, now);
      const ids = [...new Set([...linkedIn(history, customer.id), ...history.registrations.map((r) => r.customerId)])];
      const names = await staffNameMap(tx);
      const name = (id: string | null) => (id ? (names.get(id) ?? id) : '');
      const named = (await historyOf(tx, ids, now, name, actor!)).map((e) => ({ ...e, text: reveal.full ? e.text : maskPhonesIn(e.text), byName: e.by ? name(e.by) : null }));
      const linkedRows = ids.length > 1 ? await customersByIds(tx, ids.filter((i) => i !== customer.id)) : [];
      const linked = linkedRows.map((c) => ({ ...c, phone: reveal.full ? c.phone : maskPhone(c.phone) }));
      return { customer, linked, ...(await explainOwnership(tx, customer.id, now, policy)), history: named };
    },
  }),
};
