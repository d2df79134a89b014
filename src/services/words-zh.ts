/**
 * The Chinese words of what the server itself writes for readers outside the app: the monthly statement and the
 * weekly report as files (.xlsx, CSV; R-COM-5, R-TRK-3), which have no renderer to word their facts. They are
 * kept here, in one place, instead of as literals across the services. The screens word the same facts through
 * the renderer's dictionaries; a citation here reads as `cite.*` reads in Chinese there
 * (renderer/i18n/areas/deals.ts; tests/unit/citation-words.test.ts holds the two together).
 */
import type { Citation, SplitProblem } from '../domain/commission';

const pct = (bps: number) => `${bps / 100}%`;

/** A line's citation as the statement file prints it: the rule id, then why. */
export function citationZh(c: Citation): string {
  switch (c.rule) {
    case 'R-OWN-1':
      return 'R-OWN-1：客户由该售楼员接待并登记，佣金全部归其所有';
    case 'R-OWN-8g':
      return 'R-OWN-8g：当日认出，客户归还原售楼员';
    case 'R-OWN-8h':
      return 'R-OWN-8h：新售楼员当场成交且成交前未认出，客户和佣金全部归新售楼员';
    case 'R-OWN-8i':
      return `R-OWN-8i：${c.params.days}天内认出，原售楼员与新售楼员平分`;
    case 'R-OWN-8j':
      return `R-OWN-8j：${c.params.days}天后才认出（超过一个月），客户和佣金全部归新售楼员`;
    case 'R-OWN-9a':
      return 'R-OWN-9a：老客户事先来电介绍，售楼员已事先登记，新客户归其所有';
    case 'R-OWN-9b':
      return 'R-OWN-9b：老客户带新客户来访并指明原售楼员，新客户归其所有';
    case 'R-OWN-10':
      return 'R-OWN-10：成交前发现为夫妻客，由双方售楼员共同接待，佣金各得一半';
    case 'R-OWN-13':
      return c.params.solicited === 'yes'
        ? 'R-OWN-13：被指定售楼员有怂恿行为，佣金全部归最先接待的售楼员'
        : `R-OWN-13：当日中途指定他人接待，最先接待者${pct(c.params.firstBps)}，被指定者${pct(c.params.namedBps)}`;
    case 'R-OWN-14':
      return 'R-OWN-14：老客户要求更换售楼员，被指定者义务接待，佣金全部归原售楼员';
    case 'R-CO-2':
      return 'R-CO-2：公司领导指定售楼员接待，视为义务接待，佣金全部作为公佣';
    case 'R-CO-3':
      return `R-CO-3：公司介绍、售楼员全程跟进成交，售楼员${pct(c.params.consultantBps)}，公佣${pct(c.params.poolBps)}`;
    case 'R-CO-4':
      return `R-CO-4：公司直接安排成交，售楼员负责售后，售楼员${pct(c.params.consultantBps)}，公佣${pct(c.params.poolBps)}`;
    case 'R-CO-5':
      return 'R-CO-5：公司直接安排成交，由其他员工跟进售后，佣金全部作为公佣';
    case 'R-REF-5':
      return `R-REF-5：员工推介有效，介绍人${pct(c.params.referrerBps)}，接待售楼员${pct(c.params.consultantBps)}`;
    case 'R-DIS-2':
      return `R-DIS-2：销售总监批准的争议裁决（争议编号 ${c.params.disputeId}）`;
  }
}

/** Why a deal's commission could not be split, for the statement file's unresolved deals. */
export const SPLIT_PROBLEM_ZH: Record<SplitProblem, string> = {
  carves_over_full: '提成扣除合计超过 100%',
  no_owner: '客户在成交时没有有效登记的售楼员，无法确定佣金归属，请项目经理处理',
  side_not_full: '售楼员一方的比例合计不是 100%',
  decision_not_full: '裁决的分配比例合计不是 100%',
};

/** The public pool (公佣) where a file names a beneficiary. */
export const POOL_ZH = '公佣';

/** The monthly statement file (statement-export.ts). */
export const STATEMENT_ZH = {
  filename: (month: string, ext: string) => `佣金结算单-${month}.${ext}`,
  title: '佣金结算单',
  /** 2026-04 → 2026年4月 */
  month: (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`,
  monthLabel: '结算月份',
  projectLabel: '项目',
  section: { payable: '应付', held: '暂缓（争议中）', unresolved: '待处理' },
  head: ['类别', '成交编号', '成交日期', '客户', '房号', '佣金归属', '比例', '金额（元）', '规则', '依据'],
  /** between two citations of one line */
  citeSep: '；',
  total: '合计',
  /** the CSV's block of per-person totals, under the lines */
  totalsBlock: '汇总',
  beneficiary: '佣金归属',
  deals: '应付成交（笔）',
  yuan: '金额（元）',
  totalsSheet: '汇总',
  detailSheet: '明细',
  /** who signs the statement, each with the day they signed */
  signatures: ['制表', '项目经理', '销售总监'],
  signed: (who: string) => `${who}（签字）：`,
  signedOn: '日期：　　　　年　　月　　日',
  /** beside the held and unresolved deals: they are not in the totals */
  notPayable: (held: number, unresolved: number) => `另有暂缓（争议中）${held} 笔、待处理 ${unresolved} 笔，不计入合计，见“明细”。`,
} as const;

/** The weekly report file (reports.ts, R-TRK-3). */
export const WEEKLY_ZH = {
  filename: (week: string) => `周报-${week}.xlsx`,
  title: (from: string, to: string) => `周报 ${from} 至 ${to}`,
  totalsSheet: '汇总',
  totalsHead: ['售楼员', '来电', '来访', '成交'],
  total: '合计',
  calls: { sheet: '来电', head: ['时间', '售楼员', '客户', '电话', '内容'] },
  visits: { sheet: '来访', head: ['时间', '接待', '客户', '电话', '接待方式', '来源'] },
  deals: { sheet: '成交', head: ['时间', '客户', '电话', '房号', '成交价（元）', '佣金（元）', '售楼员'] },
  /** between the consultants of one deal */
  listSep: '、',
} as const;

/**
 * What an approval step stores as its text (dispute_steps.text is required). Kept as the word the records have
 * always held; dispute.get does not send it (the API carries the step's type, the screens word it).
 */
export const APPROVAL_STEP_TEXT = '批准';
