/**
 * An audit row in words (R-SEC-1): the action by its name in the dictionary (audit.m.*), each field of its
 * detail by the same field names a refused input uses (renderer/i18n/areas/fields.ts, per method), and the
 * values the office has words for (roles, statuses, reception kinds, sources, channels, backup kinds) in
 * words too. A method name or a JSON key never shows; a PIN never shows, even where the log holds one.
 */
import type { spec } from '../../src/api/spec';
import { type Lang, type MessageKey, receptionLabel, sourceLabel, type Translate } from '../i18n';
import { checkText, fieldName } from '../i18n/reasons';
import { formatDay, formatWhen } from '../i18n/dates';
import { formatBps, formatYuan } from './money';

/** Actions offered in the filter, in the order an office thinks of them; each has a label in the dictionary. */
export const AUDIT_ACTIONS = [
  'customer.read',
  'customer.search',
  'registration.sheet',
  'desk.lookup',
  'session.signIn',
  'session.openStation',
  'session.wrongPin',
  'session.locked',
  'desk.walkIn',
  'desk.named',
  'desk.finish',
  'desk.leaveWaiting',
  'desk.switch',
  'desk.refuse',
  'desk.phoneInquiry',
  'desk.announce',
  'roster.start',
  'roster.status',
  'roster.swap',
  'roster.move',
  'roster.disqualify',
  'roster.priority',
  'roster.add',
  'roster.remove',
  'registration.confirm',
  'registration.reject',
  'registration.correct',
  'customer.identify',
  'customer.household',
  'referral.register',
  'referral.confirm',
  'company.register',
  'deal.close',
  'deal.change',
  'dispute.raise',
  'dispute.opinion',
  'dispute.return',
  'dispute.approve',
  'followUp.log',
  'followUp.note',
  'grades.setLabel',
  'staff.create',
  'staff.update',
  'staff.resetPin',
  'staff.addFromSite',
  'cli.resetPin',
  'policy.update',
  'backup.now',
  'backup.verify',
  'backup.restore',
  'backup.remove',
  'setup.firstRun',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// Every write leaves a row under its own name (src/services/dispatch): each is listed, so each has words.
type Spec = typeof spec;
type WriteMethod = { [M in keyof Spec]: Spec[M]['kind'] extends 'write' ? M : never }[keyof Spec];
type Unlisted = Exclude<WriteMethod, AuditAction>;
const everyWriteListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyWriteListed;
type Unworded = Exclude<`audit.m.${AuditAction}`, MessageKey>;
const everyActionWorded: [Unworded] extends [never] ? true : Unworded = true;
void everyActionWorded;

const isAction = (m: string): m is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(m);

/** The action in words; one this renderer does not know yet (a newer app wrote it) as "another action". */
export const actionLabel = (t: Translate, m: string): string => t(isAction(m) ? `audit.m.${m}` : 'audit.m.other');

const BACKUP_KINDS = ['daily', 'manual', 'quit', 'start', 'before-restore'] as const;
const STATUSES = ['present', 'absent', 'away', 'lunch', 'off'] as const;
const CHANNELS = ['phone', 'wechat', 'visit', 'sms'] as const;
const ROLES = [
  'consultant',
  'front_desk',
  'sales_manager',
  'project_manager',
  'sales_director',
  'sales_assistant',
  'employee',
  'admin',
] as const;
const MONEY = new Set(['price', 'commission']);
const RECORD_IDS = new Set([
  'customer',
  'customerId',
  'referral',
  'referralId',
  'visit',
  'visitId',
  'deal',
  'dealId',
  'dispute',
  'disputeId',
  'registrationId',
]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const among = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** A value the office has words for, by the field it sits in; null when it is shown as it is. */
function valueWord(t: Translate, method: string, key: string, v: string): string | null {
  if (key === 'to' && method === 'roster.move' && (v === 'head' || v === 'tail')) return t(`audit.v.${v}`);
  if (key === 'reason' && method === 'customer.read' && v === 'customer.get') return t('audit.v.customerPage');
  if (key === 'roles' && among(ROLES, v)) return t(`role.${v}`);
  if (key === 'reception') return receptionLabel(t, v);
  if (key === 'source') return sourceLabel(t, v);
  if (key === 'status' && method === 'roster.status' && among(STATUSES, v)) return t(`status.${v}`);
  if (key === 'channel' && among(CHANNELS, v)) return t(`fu.channel.${v}`);
  if (key === 'reason' && method === 'backup.remove' && among(BACKUP_KINDS, v)) return t(`backups.reason.${v}`);
  return null;
}

export interface DetailPart {
  /** the field's name in words */
  key: string;
  text: string;
}

const CLIP = 120;
const clip = (s: string) => (s.length > CLIP ? `${s.slice(0, CLIP)}…` : s);
const secret = (k: string) => /pin/i.test(k);

/**
 * The detail's fields in words. Staff ids become names; a nested object says each of its fields by name
 * (a policy change names the setting), an array lists its values; a PIN shows as dots.
 */
export function detailParts(t: Translate, lang: Lang, method: string, detail: unknown, nameOf: (id: string) => string): DetailPart[] {
  const sep = t('common.listSep');
  const value = (path: (string | number)[], v: unknown, depth: number): string => {
    const key = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
    if (v === null || v === undefined) return '—';
    if (typeof v === 'boolean') return v ? '✓' : '✗';
    // deals carry money as integer cents (R-COM-1)
    if (typeof v === 'number' && MONEY.has(key)) return formatYuan(v);
    if (typeof v === 'number' && path.includes('split')) return formatBps(v);
    // a record's number as every screen writes it (客户 #271, 争议 #1), not a bare count
    if (typeof v === 'number' && RECORD_IDS.has(key)) return t('audit.customerNo', { id: v });
    if (typeof v === 'number') return String(v);
    // shares in a split are basis points; days and instants are said as every other screen says them (年月日)
    if (typeof v === 'string' && DAY.test(v)) return formatDay(v, lang);
    if (typeof v === 'string' && INSTANT.test(v)) return formatWhen(v, lang);
    if (typeof v === 'string') return valueWord(t, method, key, v) ?? nameOf(v);
    if (Array.isArray(v)) return v.map((x) => value(path, x, depth + 1)).join(sep);
    // what a verification found: in words, as the settings screen says it
    if (key === 'firstProblem' && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string')
      return checkText(v as { code: string }, lang);
    // a route's why is a rule of the rulebook: its id is how every screen cites it
    if (key === 'why' && typeof v === 'object' && typeof (v as { rule?: unknown }).rule === 'string') return (v as { rule: string }).rule;
    if (typeof v === 'object' && depth < 3) {
      return Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => {
          // a record keyed by staff id (a split, the parties of an opinion) is said by their names
          const label = nameOf(k) !== k ? nameOf(k) : fieldName([...path, k], method, lang);
          return `${label}${t('common.colon')}${secret(k) ? '••••' : value([...path, k], x, depth + 1)}`;
        })
        .join(sep);
    }
    return '…';
  };
  return Object.entries((detail ?? {}) as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ({ key: fieldName([k], method, lang), text: clip(secret(k) ? '••••' : value([k], v, 0)) }));
}
