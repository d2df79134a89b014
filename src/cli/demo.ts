/**
 * `salesdesk demo`: a realistic month of a sales office in a fresh database, made through the same API
 * the desk uses — a dozen consultants, a few hundred visits, returning customers, phone inquiries, deals,
 * follow-ups with grades — so a newcomer opening the app sees it alive. Woven into the month are the stories
 * (MONTH_STORIES) that put every rule of the statement at work: 50/50, 70/30, a referral's and the company's
 * shares, a household, an open and a decided dispute, a lapsed and a valid referral. Deterministic (seeded).
 */
import { addDays, format } from 'date-fns';
import type { App } from '../app';
import { openApp } from '../app';
import { ManualClock } from '../domain/clock';
import { refusalLine } from './refusal';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
  '晨',
  '浩然',
  '子涵',
  '雨桐',
  '一鸣',
  '思远',
];
const CONSULTANTS = ['张伟', '李娜', '王芳', '赵磊', '刘洋', '陈静怡', '杨帆', '黄丽', '周强', '吴敏', '徐涛', '孙悦'];
/** Mostly B and C: a consultant rarely rates a first visit "sure to buy" or "lost". */
const GRADES = ['A', 'B', 'B', 'B', 'C', 'C', 'C', 'D'] as const;
const CHANNELS = ['phone', 'phone', 'wechat', 'wechat', 'sms', 'visit'] as const;
const FOLLOW_UPS = [
  '电话回访，对三房户型感兴趣',
  '微信发送样板间视频和价格表',
  '约周末带家人再来看房',
  '询问首付比例和公积金贷款',
  '在比较周边两个楼盘，关注学区',
  '关心交房时间与物业费',
  '短信通知本周末开盘优惠',
];

/** A demo office, clearly one: every demo person's PIN is printed by `salesdesk demo` (1111 … 1118, consultants 2001 …). */
export const DEMO_TEAM = [
  { id: 'dir', name: '赵总', roles: ['sales_director', 'admin'], pin: '1111' },
  { id: 'mgr', name: '陈静', roles: ['sales_manager'], pin: '1112' },
  { id: 'pm', name: '刘强', roles: ['project_manager'], pin: '1113' },
  { id: 'qian', name: '钱敏', roles: ['front_desk'], pin: '1114' },
  { id: 'asst', name: '方圆', roles: ['sales_assistant'], pin: '1115' },
  { id: 'sun', name: '孙丽', roles: ['employee'], pin: '1116' },
  ...CONSULTANTS.map((name, i) => ({ id: `c${String(i + 1).padStart(2, '0')}`, name, roles: ['consultant'], pin: String(2001 + i) })),
] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

type Must = (as: string, method: string, input: unknown) => Promise<any>;

/** What a story's step does its work with, on the day being filled. */
interface Office {
  must: Must;
  /** today's queue as it was started (a walk-in of a morning step goes to its head, everyone being free) */
  order: readonly string[];
  /** yyyy-MM-dd of the day `d` of the month */
  day: (d: number) => string;
  /** a story's visitor at the desk: received, kept in reception for an hour, always confirmed by the PM that evening */
  walkIn: (
    customer: { name: string; phone: string },
    extra?: Record<string, unknown>,
  ) => Promise<{ visitId: number; customerId: number; by: string }>;
  /** the manager lets the customer's named consultant take the reception over (R-OWN-13) */
  switchTo: (visitId: number, to: string) => Promise<void>;
  deal: (as: string, customer: number, unit: string, commission: number, extra?: Record<string, unknown>) => Promise<number>;
}

/**
 * One moment of a story. `at` is before 09:30 (the morning, before the day's walk-ins: the queue is as started)
 * or between 17:30 and 18:00 (the evening, receptions finished, before the PM confirms the day).
 * `queue` adjusts the day's order before the roster starts.
 */
interface Step {
  day: number;
  at: string;
  run: (o: Office) => Promise<void>;
  queue?: (order: string[]) => string[];
}

const toBack = (who: string | undefined) => (order: string[]) =>
  who && order.includes(who) ? [...order.filter((c) => c !== who), who] : order;

/**
 * The month's stories, each as the office would make it through the API, on fixed days (0 = the first) so every
 * deal is on the statement by the end of a 30-day month, one dispute decided and one still open.
 */
function monthStories(): Step[] {
  const ids: Record<string, number> = {};
  const by: Record<string, string> = {};
  let qddReferral = 0;
  /** who later disputes 蒋文博's deal: she took his calls before he came (R-OWN-6: calls give no ownership) */
  const caller = 'c02';
  const keep = async (key: string, o: Office, customer: { name: string; phone: string }, extra?: Record<string, unknown>) => {
    const w = await o.walkIn(customer, extra);
    ids[key] = w.customerId;
    by[key] = w.by;
    return w;
  };
  return [
    // Registered with the PM before any visit: company clients (R-CO-1) and two employee referrals (R-REF-1).
    {
      day: 0,
      at: '09:00',
      run: async (o) => {
        ids.cao = (
          await o.must('pm', 'company.register', { customer: { name: '曹操', phone: '13500006666' }, introducedBy: '集团副总裁' })
        ).customerId;
        ids.sunquan = (
          await o.must('pm', 'company.register', { customer: { name: '孙权', phone: '13500006667' }, introducedBy: '董事长办公室' })
        ).customerId;
        ids.zhouyu = (
          await o.must('pm', 'company.register', { customer: { name: '周瑜', phone: '13500006668' }, introducedBy: '董事长办公室' })
        ).customerId;
        const r = await o.must('pm', 'referral.register', {
          referrer: 'sun',
          customer: { name: '钱多多', phone: '13600004444' },
          appointment: o.day(2),
        });
        qddReferral = r.id;
        ids.qdd = r.customerId;
        // R-REF-2: 孔明 never comes on his day; the referral lapses
        await o.must('pm', 'referral.register', {
          referrer: 'sun',
          customer: { name: '孔明', phone: '13600005555' },
          appointment: o.day(4),
        });
      },
    },

    // R-OWN-8i: 欧阳晓梅 is A's customer; a week later she comes back with another number, not recognised, and B
    // receives her as new; two days later the PM identifies her; she buys with B: A and B share 50/50.
    { day: 0, at: '09:05', run: async (o) => void (await keep('ouyang', o, { name: '欧阳晓梅', phone: '13600001111' })) },
    {
      day: 8,
      at: '09:00',
      queue: (q) => toBack(by.ouyang)(q),
      run: async (o) => void (await keep('ouyang2', o, { name: '欧阳晓梅', phone: '15800001111' })),
    },
    {
      day: 10,
      at: '17:40',
      run: async (o) => void (await o.must('pm', 'customer.identify', { customer: ids.ouyang2, sameAs: ids.ouyang })),
    },
    { day: 22, at: '17:40', run: async (o) => void (await o.deal(by.ouyang2!, ids.ouyang2!, '5-1802', 3_150_000)) },

    // R-OWN-10: 林海 and his wife 苏晓梅 come separately and are received by two consultants; the PM finds them a
    // couple before the deal: 50/50.
    { day: 1, at: '09:00', run: async (o) => void (await keep('lin', o, { name: '林海', phone: '13600002221' })) },
    { day: 1, at: '09:05', run: async (o) => void (await keep('su', o, { name: '苏晓梅', phone: '13600002222' })) },
    { day: 6, at: '17:40', run: async (o) => void (await o.must('pm', 'customer.household', { a: ids.lin, b: ids.su })) },
    { day: 15, at: '17:40', run: async (o) => void (await o.deal(by.su!, ids.su!, '3-0501', 3_000_000)) },

    // R-REF-3, 5: 钱多多 comes on her appointment day, sun phones the PM, who confirms; she buys: sun 30%, the consultant 70%.
    {
      day: 2,
      at: '09:00',
      run: async (o) => {
        ids.qddVisit = (await keep('qddDesk', o, { name: '钱多多', phone: '13600004444' }, { source: 'referral' })).visitId;
      },
    },
    {
      day: 2,
      at: '09:10',
      run: async (o) => void (await o.must('pm', 'referral.confirm', { referral: qddReferral, visit: ids.qddVisit })),
    },
    { day: 11, at: '17:40', run: async (o) => void (await o.deal(by.qddDesk!, ids.qdd!, '6-1101', 2_400_000)) },

    // R-OWN-13: 冯志刚, received by the head of the queue, insists on another consultant; the manager lets her take
    // over; he buys from her: 70% to the first, 30% to the named one.
    {
      day: 3,
      at: '09:00',
      run: async (o) => {
        const w = await keep('feng', o, { name: '冯志刚', phone: '13600003333' });
        ids.fengVisit = w.visitId;
      },
    },
    {
      day: 3,
      at: '09:20',
      run: async (o) => {
        by.fengNamed = o.order.filter((c) => c !== by.feng).at(-1)!;
        await o.switchTo(ids.fengVisit!, by.fengNamed);
      },
    },
    { day: 12, at: '17:40', run: async (o) => void (await o.deal(by.fengNamed!, ids.feng!, '1-0603', 2_700_000)) },

    // R-CO-3: 曹操, introduced by the vice-president, is received by roster and followed through: consultant 70%, pool 30%.
    {
      day: 4,
      at: '09:00',
      run: async (o) => void (await keep('caoVisit', o, { name: '曹操', phone: '13500006666' }, { source: 'company' })),
    },
    { day: 13, at: '17:40', run: async (o) => void (await o.deal(by.caoVisit!, ids.cao!, '2-1502', 4_800_000)) },
    // R-CO-4, 5: deals the company arranged directly: after-sales by a consultant (30/70), by a non-sales employee (all to the pool).
    {
      day: 14,
      at: '17:40',
      run: async (o) =>
        void (await o.deal('pm', ids.sunquan!, '1-2901', 4_500_000, { companyMode: 'direct_consultant_aftersales', afterSales: 'c05' })),
    },
    {
      day: 14,
      at: '17:45',
      run: async (o) =>
        void (await o.deal('dir', ids.zhouyu!, '1-2902', 4_200_000, { companyMode: 'direct_other_aftersales', afterSales: 'sun' })),
    },

    // R-DIS-1, 2: 蒋文博 phoned the caller twice before he came (R-OWN-6); another consultant received him and sold to
    // him; the caller disputes; the PM proposes 70/30, the director returns it, the PM revises to 80/20, approved.
    {
      day: 3,
      at: '09:15',
      run: async (o) =>
        void (await o.must(caller, 'desk.phoneInquiry', {
          customer: { name: '蒋文博', phone: '13600006661' },
          note: '询问四房户型，约周末来看样板间',
        })),
    },
    {
      day: 5,
      at: '09:00',
      queue: toBack(caller),
      run: async (o) => void (await keep('jiang', o, { name: '蒋文博', phone: '13600006661' })),
    },
    {
      day: 16,
      at: '17:40',
      run: async (o) => {
        ids.jiangDeal = await o.deal(by.jiang!, ids.jiang!, '7-2201', 3_600_000);
      },
    },
    {
      day: 17,
      at: '17:45',
      run: async (o) => {
        ids.jiangDispute = (
          await o.must(caller, 'dispute.raise', {
            deal: ids.jiangDeal,
            claim: '客户来访前两次来电都由我接听，户型和价格已在电话里讲清，是我约他来现场的',
          })
        ).id;
      },
    },
    {
      day: 18,
      at: '17:45',
      run: async (o) => {
        await o.must('pm', 'dispute.opinion', {
          dispute: ids.jiangDispute,
          split: { [by.jiang!]: 7000, [caller]: 3000 },
          text: '接待与成交由接待售楼员完成；来电咨询有实际贡献',
        });
      },
    },
    {
      day: 19,
      at: '17:45',
      run: async (o) =>
        void (await o.must('dir', 'dispute.return', {
          dispute: ids.jiangDispute,
          comment: '来电登记不产生归属（R-OWN-6），请附来电记录并说明贡献的具体内容',
        })),
    },
    {
      day: 20,
      at: '17:45',
      run: async (o) => {
        await o.must('pm', 'dispute.opinion', {
          dispute: ids.jiangDispute,
          split: { [by.jiang!]: 8000, [caller]: 2000 },
          text: '已核对来电登记：来电一次，约看样板间；到访后的讲解、议价与签约均由接待售楼员完成',
          parties: {
            [by.jiang!]: { fault: '无', contribution: '全程接待、议价与签约' },
            [caller]: { fault: '无', contribution: '来电咨询时介绍户型并约客户到访' },
          },
        });
      },
    },
    { day: 21, at: '17:45', run: async (o) => void (await o.must('dir', 'dispute.approve', { dispute: ids.jiangDispute })) },

    // R-DIS-1: 韩雪莹 buys late in the month; another consultant says he received her earlier under her husband's
    // number; the PM has not written an opinion yet, so the deal is held out of the statement.
    { day: 9, at: '09:00', run: async (o) => void (await keep('han', o, { name: '韩雪莹', phone: '13600007771' })) },
    {
      day: 24,
      at: '17:40',
      run: async (o) => {
        ids.hanDeal = await o.deal(by.han!, ids.han!, '4-0902', 2_850_000);
      },
    },
    {
      day: 26,
      at: '17:45',
      run: async (o) => {
        const claimant = DEMO_TEAM.find((s) => s.roles.includes('consultant' as never) && s.id !== by.han)!.id;
        await o.must(claimant, 'dispute.raise', {
          deal: ids.hanDeal,
          claim: '客户本月初曾由我接待，当时留的是她先生的电话，请核实是否为同一客户',
        });
      },
    },
  ];
}

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
/** The day's walk-ins begin after the morning's story steps. */
const WALK_INS_FROM = minuteOf('09:30');

/**
 * Fills `days` days from `firstDay`. The day after the last is the demo's "today": follow-ups fall due and
 * overdue against it.
 */
export async function fillDemo(
  app: App,
  clock: ManualClock,
  firstDay: Date,
  days = 30,
  log: (line: string) => void = () => {},
): Promise<{ visits: number; deals: number }> {
  const rand = rng(20260301);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const call = async (as: string | null, method: string, input: unknown) => {
    const r = (await app.dispatch(as ? { staffId: as } : null, method, input)).result;
    return r.ok ? (r.value as any) : null;
  };
  // A story's step must happen: refused, the month would silently lack the rule it shows.
  const must: Must = async (as, method, input) => {
    const r = (await app.dispatch({ staffId: as }, method, input)).result;
    if (!r.ok) throw new Error(`demo: ${method} as ${as} refused: ${refusalLine(r.error)}`);
    return r.value as any;
  };
  await call(null, 'setup.firstRun', { staff: DEMO_TEAM });
  const consultants = DEMO_TEAM.filter((s) => s.roles.includes('consultant' as never)).map((s) => s.id);
  const stories = monthStories();
  const storyVisits = new Set<number>();
  const known: { customerId: number; name: string; phone: string }[] = [];
  /** new customers and their consultant's follow-up: the newest next date stands for the customer */
  const followed: { customerId: number; consultant: string; firstDay: number; next: string | null }[] = [];
  let phoneSeq = 0;
  let visits = 0;
  let deals = 0;
  for (let d = 0; d < days; d++) {
    const day = addDays(firstDay, d);
    const dayText = format(day, 'yyyy-MM-dd');
    const at = (h: number, m: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, m);
    const atMinute = (minute: number) => at(Math.floor(minute / 60), minute % 60);
    clock.set(at(8, 50));
    const onDuty = consultants.filter(() => rand() > 0.15);
    const steps = stories.filter((s) => s.day === d).sort((a, b) => minuteOf(a.at) - minuteOf(b.at));
    const order = steps.reduce(
      (q, s) => s.queue?.(q) ?? q,
      [...onDuty].sort(() => rand() - 0.5),
    );
    if (order.length === 0) continue;
    await call('mgr', 'roster.start', { order });
    const before = visits;
    const open: { visit: number; consultant: string; until: number }[] = [];
    let now = minuteOf('08:50');
    const office: Office = {
      must,
      order,
      day: (n) => format(addDays(firstDay, n), 'yyyy-MM-dd'),
      walkIn: async (customer, extra) => {
        const w = await must('qian', 'desk.walkIn', { customer, ...extra });
        if (!w.visitId) throw new Error(`demo: ${customer.name} was left waiting`);
        visits++;
        storyVisits.add(w.visitId);
        open.push({ visit: w.visitId, consultant: w.receivedBy.id, until: now + 60 });
        return { visitId: w.visitId, customerId: w.customerId, by: w.receivedBy.id };
      },
      switchTo: async (visit, to) => {
        await must('mgr', 'desk.switch', { visit, to });
        open.find((o) => o.visit === visit)!.consultant = to;
      },
      deal: async (as, customer, unit, commission, extra) => {
        // a commission of about 1.4% of the price, as the office's agency contract pays
        const deal = await must(as, 'deal.close', { customer, unit, price: commission * 70, commission, ...extra });
        deals++;
        return deal.id;
      },
    };
    const runSteps = async (from: number, to: number) => {
      for (const s of steps.filter((s) => minuteOf(s.at) >= from && minuteOf(s.at) < to)) {
        now = minuteOf(s.at);
        clock.set(atMinute(now));
        await s.run(office);
      }
    };
    await runSteps(0, WALK_INS_FROM);

    const weekend = day.getDay() === 0 || day.getDay() === 6;
    const count = Math.floor((weekend ? 14 : 7) + rand() * 6);
    for (let i = 0; i < count; i++) {
      const minute = WALK_INS_FROM + Math.floor(((i + rand()) / count) * 7.5 * 60);
      clock.set(atMinute(minute));
      for (const o of open.filter((o) => o.until <= minute)) {
        await call(o.consultant, 'desk.finish', { visit: o.visit });
        open.splice(open.indexOf(o), 1);
      }
      const returning = known.length > 20 && rand() < 0.25;
      const c = returning
        ? pick(known)
        : { name: pick([...SURNAMES]) + pick(GIVEN), phone: `139${String(10000000 + ++phoneSeq * 7919).slice(-8)}` };
      const special = !returning && c.name && rand() < 0.05 ? onDuty[Math.floor(rand() * onDuty.length)] : undefined;
      const w = await call('qian', 'desk.walkIn', { customer: { name: c.name, phone: c.phone }, ...(special ? { asksFor: special } : {}) });
      if (!w?.visitId) continue;
      visits++;
      if (!returning) {
        known.push({ customerId: w.customerId, name: c.name, phone: c.phone });
        followed.push({ customerId: w.customerId, consultant: w.receivedBy.id, firstDay: d, next: null });
      }
      open.push({ visit: w.visitId, consultant: w.receivedBy.id, until: minute + 20 + Math.floor(rand() * 70) });
      if (rand() < 0.06) {
        const deal = await call(w.receivedBy.id, 'deal.close', {
          customer: w.customerId,
          unit: `${1 + Math.floor(rand() * 9)}-${String(2 + Math.floor(rand() * 30)).padStart(2, '0')}0${1 + Math.floor(rand() * 4)}`,
          price: 150_000_000 + Math.floor(rand() * 200) * 1_000_000,
          commission: 2_000_000 + Math.floor(rand() * 20_000) * 100,
          onSpot: rand() < 0.3,
        });
        if (deal) deals++;
      }
    }
    clock.set(at(17, 30));
    for (const o of open) await call(o.consultant, 'desk.finish', { visit: o.visit });
    if (rand() < 0.3)
      await call(pick(consultants), 'desk.phoneInquiry', {
        customer: { name: pick([...SURNAMES]) + pick(GIVEN), phone: `137${String(20000000 + d * 131).slice(-8)}` },
        note: '询问户型与价格',
      });
    await runSteps(minuteOf('17:30'), minuteOf('18:00'));

    clock.set(at(18, 0));
    // the PM confirms the day, rejecting the odd one that was only asking the way (never a story's visitor)
    const list = ((await call('pm', 'registration.day', { day: dayText })) ?? []) as { visit_id: number; status: string }[];
    for (const r of list.filter((r) => r.status === 'pending')) {
      const reject = rand() < 0.03 && !storyVisits.has(r.visit_id);
      await call('pm', reject ? 'registration.reject' : 'registration.confirm', {
        visit: r.visit_id,
        ...(reject ? { reason: '客户仅问路' } : {}),
      });
    }

    clock.set(at(18, 30));
    // Yesterday's new customers get their first call; most follow-ups due today are made, the rest become overdue.
    for (const f of followed.filter((f) => (f.firstDay === d - 1 && rand() < 0.6) || (f.next === dayText && rand() < 0.7))) {
      const grade = pick(GRADES);
      const next = grade === 'D' ? null : format(addDays(day, 2 + Math.floor(rand() * 6)), 'yyyy-MM-dd');
      const done = await call(f.consultant, 'followUp.log', {
        customer: f.customerId,
        channel: pick(CHANNELS),
        content: pick(FOLLOW_UPS),
        grade,
        ...(next ? { nextDay: next } : {}),
      });
      if (done) f.next = next;
    }
    log(`${dayText}  来访 ${visits - before}  累计 ${visits}  成交 ${deals}`);
  }
  return { visits, deals };
}

const printPins = () => console.log(`示例员工的 PIN（仅用于示例数据）：${DEMO_TEAM.map((s) => `${s.name} ${s.pin}`).join('，')}`);

/** `salesdesk demo [FILE] [--if-missing]`: --if-missing (npm run demo) opens an existing demo file as it is. */
export async function demo(args: string[]): Promise<number> {
  const ifMissing = args.includes('--if-missing');
  const path = args.find((a) => !a.startsWith('--')) ?? 'data/demo.sqlite';
  const { existsSync, mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  if (existsSync(path) && ifMissing) {
    console.log(`打开示例售楼处 ${path}（删除该文件即可重新生成）/ opening the demo office ${path} (delete it to make a new one)`);
    printPins();
    return 0;
  }
  if (existsSync(path)) {
    console.error(`${path} 已存在；示例数据只写入新的数据库文件 (refusing to overwrite ${path})`);
    return 2;
  }
  console.log(`正在生成示例售楼处 ${path}（一个月的来访、成交与争议）/ making the demo office ${path}`);
  mkdirSync(dirname(path), { recursive: true });
  const now = new Date();
  // the 30 days before today: the demo opens on the morning after its month, with follow-ups due today
  const first = addDays(new Date(now.getFullYear(), now.getMonth(), now.getDate()), -30);
  const clock = new ManualClock(first);
  const app = await openApp({ dbPath: path, clock });
  try {
    const { visits, deals } = await fillDemo(app, clock, first, 30, (l) => console.log(l));
    console.log(`示例数据已写入 ${path}：来访 ${visits} 次，成交 ${deals} 笔。`);
    printPins();
  } finally {
    await app.close();
  }
  return 0;
}
