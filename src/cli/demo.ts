/**
 * `salesdesk demo`: a realistic month of a sales office in a fresh database, made through the same API
 * the desk uses — a dozen consultants, a few hundred visits, returning customers, referrals, couples,
 * company clients, deals — so a newcomer opening the app sees it alive. Deterministic (seeded).
 */
import { addDays, format } from 'date-fns';
import type { App } from '../app';
import { openApp } from '../app';
import { ManualClock } from '../domain/clock';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '晨', '浩然', '子涵', '雨桐', '一鸣', '思远'];
const CONSULTANTS = ['张伟', '李娜', '王芳', '赵磊', '刘洋', '陈静怡', '杨帆', '黄丽', '周强', '吴敏', '徐涛', '孙悦'];

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
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function fillDemo(app: App, clock: ManualClock, firstDay: Date, days = 30, log: (line: string) => void = () => {}): Promise<{ visits: number; deals: number }> {
  const rand = rng(20260301);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const call = async (as: string | null, method: string, input: unknown) => {
    const r = (await app.dispatch(as ? { staffId: as } : null, method, input)).result;
    return r.ok ? (r.value as any) : null;
  };
  await call(null, 'setup.firstRun', { staff: DEMO_TEAM });
  const consultants = DEMO_TEAM.filter((s) => s.roles.includes('consultant' as never)).map((s) => s.id);
  const known: { customerId: number; name: string; phone: string }[] = [];
  let phoneSeq = 0;
  let visits = 0;
  let deals = 0;
  for (let d = 0; d < days; d++) {
    const day = addDays(firstDay, d);
    const at = (h: number, m: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, m);
    clock.set(at(8, 50));
    const onDuty = consultants.filter(() => rand() > 0.15);
    const order = [...onDuty].sort(() => rand() - 0.5);
    if (order.length === 0) continue;
    await call('mgr', 'roster.start', { order });
    if (d === 1) {
      clock.set(at(9, 0));
      await call('pm', 'referral.register', { referrer: 'sun', customer: { name: '钱多多', phone: '13600004444' }, appointment: format(addDays(day, 1), 'yyyy-MM-dd') });
      await call('pm', 'company.register', { customer: { name: '曹操', phone: '13500006666' }, introducedBy: '集团副总裁' });
    }
    const weekend = day.getDay() === 0 || day.getDay() === 6;
    const count = Math.floor((weekend ? 14 : 7) + rand() * 6);
    const open: { visit: number; consultant: string; until: number }[] = [];
    for (let i = 0; i < count; i++) {
      const minute = 9 * 60 + Math.floor(((i + rand()) / count) * 8 * 60);
      clock.set(at(Math.floor(minute / 60), minute % 60));
      for (const o of open.filter((o) => o.until <= minute)) {
        await call(o.consultant, 'desk.finish', { visit: o.visit });
        open.splice(open.indexOf(o), 1);
      }
      const returning = known.length > 20 && rand() < 0.25;
      const c = returning ? pick(known) : { name: pick([...SURNAMES]) + pick(GIVEN), phone: `139${String(10000000 + ++phoneSeq * 7919).slice(-8)}` };
      const special = !returning && c.name && rand() < 0.05 ? onDuty[Math.floor(rand() * onDuty.length)] : undefined;
      const w = await call('qian', 'desk.walkIn', { customer: { name: c.name, phone: c.phone }, ...(special ? { asksFor: special } : {}) });
      if (!w?.visitId) continue;
      visits++;
      if (!returning) known.push({ customerId: w.customerId, name: c.name, phone: c.phone });
      open.push({ visit: w.visitId, consultant: w.receivedBy.id, until: minute + 20 + Math.floor(rand() * 70) });
      if (rand() < 0.06) {
        const deal = await call(w.receivedBy.id, 'deal.close', { customer: w.customerId, unit: `${1 + Math.floor(rand() * 9)}-${String(2 + Math.floor(rand() * 30)).padStart(2, '0')}0${1 + Math.floor(rand() * 4)}`, price: 150_000_000 + Math.floor(rand() * 200) * 1_000_000, commission: 2_000_000 + Math.floor(rand() * 20_000) * 100, onSpot: rand() < 0.3 });
        if (deal) deals++;
      }
    }
    clock.set(at(17, 30));
    for (const o of open) await call(o.consultant, 'desk.finish', { visit: o.visit });
    if (rand() < 0.3) await call(pick(consultants), 'desk.phoneInquiry', { customer: { name: pick([...SURNAMES]) + pick(GIVEN), phone: `137${String(20000000 + d * 131).slice(-8)}` }, note: '询问户型与价格' });
    clock.set(at(18, 0));
    // the PM confirms the day, rejecting the odd one that was only asking the way
    const list = ((await call('pm', 'registration.day', { day: format(day, 'yyyy-MM-dd') })) ?? []) as { visit_id: number; status: string }[];
    for (const r of list.filter((r) => r.status === 'pending')) {
      const reject = rand() < 0.03;
      await call('pm', reject ? 'registration.reject' : 'registration.confirm', { visit: r.visit_id, ...(reject ? { reason: '客户仅问路' } : {}) });
    }
    if (d === 10 && known.length > 40) await call('pm', 'customer.household', { a: known[3]!.customerId, b: known[17]!.customerId });
    log(`${format(day, 'yyyy-MM-dd')}  来访 ${count}  累计 ${visits}  成交 ${deals}`);
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
  const today = new Date();
  const first = new Date(today.getFullYear(), today.getMonth() - 1, today.getDate());
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
