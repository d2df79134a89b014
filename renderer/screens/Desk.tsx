/**
 * The entrance desk: phone first (autofocused), the verdict as the number is typed, Enter registers the
 * walk-in and shows who receives, then the form clears for the next customer. The queue and the open
 * receptions sit beside it. Who receives is always the server's answer (desk.walkIn).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiErrorBody } from '../api/client';
import type { RosterView, StaffMember, Verdict } from '../api/types';
import { useApi } from '../api/useApi';
import { BackupBanners } from '../components/BackupWarnings';
import { DeskNotices } from '../components/DeskNotices';
import { matchWhyText } from '../components/MatchWhyText';
import { StatusBadge } from '../components/StatusBadge';
import { elsewhereText, VerdictCustomerLink, VerdictProposal } from '../components/VerdictExtras';
import { formatDay, formatTime, receptionLabel, type Translate, useT } from '../i18n';
import { customerHref } from '../lib/route';
import { useDesk } from '../stores/desk';
import { useRoster } from '../stores/roster';
import { DESK_STAFF, holds } from '../../src/api/spec';
import { staffName, useSession } from '../stores/session';
import { errorText } from '../i18n/reasons';
import { type ChoosableConsultant, ConsultantChooser } from '../components/ConsultantChooser';
import { DeskCalls } from '../components/DeskCalls';
import { ReceptionChange, type ReceptionChangeKind } from '../components/ReceptionChange';
import { InlineDialog } from '../components/InlineDialog';
import { can } from '../../src/api/spec';
import '../styles/desk-actions.css';

const LOOKUP_DEBOUNCE_MS = 100;
const LOOKUP_MIN_DIGITS = 7;

const digitCount = (phone: string) => phone.replace(/\D/g, '').length;

type LookupState =
  | { kind: 'idle' }
  | { kind: 'checking'; phone: string }
  | { kind: 'done'; phone: string; name: string; verdict: Verdict }
  /** the server could not look this up yet (e.g. an incomplete number): shown as a hint, not an error */
  | { kind: 'incomplete'; phone: string; message: string }
  | { kind: 'failed'; phone: string; error: ApiErrorBody };

/**
 * The verdict for the phone (and name) typed, once typing pauses: a read of desk.lookup, asked again when
 * another terminal changes what it depends on (the roster, registrations, customers, staff).
 */
/** What the desk has chosen besides phone and name: the proposal follows it (desk.lookup takes the same fields as desk.walkIn). */
interface Chosen {
  with?: number;
  asksFor?: string;
  leadershipNamed?: string;
}

function useLookup(phone: string, name: string, chosen: Chosen): LookupState {
  const [asked, setAsked] = useState<{ phone: string; name: string } | null>(null);
  useEffect(() => {
    if (digitCount(phone) < LOOKUP_MIN_DIGITS) {
      setAsked(null);
      return;
    }
    const timer = setTimeout(() => setAsked({ phone, name: name.trim() }), LOOKUP_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [phone, name]);
  const input = asked ? { phone: asked.phone, ...(asked.name ? { name: asked.name } : {}), ...chosen } : { phone: '' };
  const read = useApi('desk.lookup', input, { enabled: asked !== null, areas: ['roster', 'registrations', 'customers', 'staff'] });
  if (!asked) return { kind: 'idle' };
  if (read.error)
    return read.error.code === 'validation'
      ? { kind: 'incomplete', phone: asked.phone, message: errorText(read.error) }
      : { kind: 'failed', phone: asked.phone, error: read.error };
  if (read.data) return { kind: 'done', phone: asked.phone, name: asked.name, verdict: read.data };
  return { kind: 'checking', phone: asked.phone };
}

/** The field an API validation error points at (details carry zod paths like ['customer', 'phone']). */
function fieldOf(error: ApiErrorBody): 'phone' | 'name' | null {
  const paths = Array.isArray(error.details) ? (error.details as { path?: unknown[] }[]).flatMap((d) => d.path ?? []) : [];
  if (paths.includes('phone')) return 'phone';
  if (paths.includes('name')) return 'name';
  return null;
}

export function Desk() {
  const t = useT();
  const { last, walkIn } = useDesk();
  const view = useRoster((s) => s.view);
  const staff = useSession((s) => s.staff);
  const me = useSession((s) => s.me);
  // Only the front desk and managers record a named reception (the service refuses consultants: self-dealing).
  const mayName = holds(me, DESK_STAFF);
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [asksFor, setAsksFor] = useState('');
  const [source, setSource] = useState<'' | 'walk_in' | 'referral' | 'company'>('');
  const [withPhone, setWithPhone] = useState('');
  const [leadershipNamed, setLeadershipNamed] = useState('');
  /** the phone whose registered name was filled in (once: a name typed over it stays) */
  const [filled, setFilled] = useState<{ phone: string; name: string } | null>(null);
  /** "phone|name" the desk was warned about (another name on a known number): the next Enter registers */
  const [warnedFor, setWarnedFor] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const phoneField = useRef<HTMLInputElement>(null);
  const nameField = useRef<HTMLInputElement>(null);

  useEffect(() => phoneField.current?.focus(), []);
  const companion = useApi(
    'desk.lookup',
    { phone: withPhone },
    { enabled: digitCount(withPhone) >= 11, areas: ['customers', 'registrations'] },
  );
  const companionId = digitCount(withPhone) >= 11 ? (companion.data?.customerId ?? undefined) : undefined;
  const chosen: Chosen = {
    ...(companionId !== undefined ? { with: companionId } : {}),
    ...(mayName && asksFor ? { asksFor } : {}),
    ...(mayName && leadershipNamed ? { leadershipNamed } : {}),
  };
  const lookup = useLookup(phone, name, chosen);
  // the last answer for this phone: its record's name, reception and waiting place do not turn on the name typed
  const lastDone = useRef<{ phone: string; verdict: Verdict } | null>(null);
  if (lookup.kind === 'done') lastDone.current = { phone: lookup.phone, verdict: lookup.verdict };
  const verdict = lastDone.current?.phone === phone ? lastDone.current.verdict : null;

  // A known number fills in the name on its record, once, into an empty field (issue 17 item 9).
  useEffect(() => {
    if (verdict?.name && !name.trim() && filled?.phone !== phone) {
      setName(verdict.name);
      setFilled({ phone, name: verdict.name });
    }
  }, [verdict, name, phone, filled]);
  const nameIsFilled = !!filled && filled.phone === phone && filled.name === name;

  const consultants: ChoosableConsultant[] = useMemo(
    () =>
      (view?.queue ?? []).map((q) => ({
        id: q.id,
        name: q.name,
        ...(q.receiving.length
          ? { note: t('status.receiving', { customer: q.receiving[0]!.customerName }) }
          : q.status !== 'present'
            ? { note: t(`status.${q.status}`) }
            : {}),
      })),
    [view, t],
  );
  const blocked = !!verdict && (!!verdict.inReception || !!verdict.waitingAlready);
  const otherName = verdict?.name && name.trim() && name.trim() !== verdict.name ? verdict.name : null;
  const showLeadership = mayName && (source === 'company' || !!verdict?.companyClient || !!leadershipNamed);

  const clear = () => {
    setPhone('');
    setName('');
    setAsksFor('');
    setSource('');
    setWithPhone('');
    setLeadershipNamed('');
    setFilled(null);
    setWarnedFor(null);
    setNotice(null);
    setError(null);
    phoneField.current?.focus();
  };

  const submit = async () => {
    if (busy) return;
    // someone with a consultant or waiting already: nothing here records a second reception (the server refuses too)
    if (blocked) return setNotice(t('desk.blocked'));
    const key = `${phone}|${name.trim()}`;
    if (otherName && warnedFor !== key) {
      setWarnedFor(key);
      return setNotice(t('verdict.otherName', { name: otherName, typed: name.trim() }));
    }
    setBusy(true);
    const r = await walkIn({
      customer: { name, phone },
      ...(chosen.asksFor ? { asksFor: chosen.asksFor } : {}),
      ...(chosen.leadershipNamed ? { leadershipNamed: chosen.leadershipNamed } : {}),
      ...(chosen.with !== undefined ? { with: chosen.with } : {}),
      ...(source ? { source } : {}),
    });
    setBusy(false);
    if (r.ok) clear();
    else {
      setError(r.error);
      (fieldOf(r.error) === 'name' ? nameField : phoneField).current?.focus();
    }
  };

  const onFormKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      clear();
    } else if (e.key === 'Enter' && (e.target as HTMLInputElement).type === 'radio') {
      // Enter registers from the source buttons too, as from a text field
      e.preventDefault();
      void submit();
    }
  };

  return (
    <main className="desk" data-testid="desk">
      <BackupBanners />
      <DeskNotices />
      <section className="desk-main">
        <form
          className="walkin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          onKeyDown={onFormKeyDown}
          noValidate
        >
          <div className="card walkin-card">
            <div className="walkin-fields">
              <label className="field phone">
                <span>{t('desk.phone')}</span>
                <input
                  ref={phoneField}
                  value={phone}
                  onChange={(e) => {
                    setPhone(e.target.value);
                    setError(null);
                    setNotice(null);
                    // the name filled in for the number before belongs to that number
                    if (filled && filled.name === name) {
                      setName('');
                      setFilled(null);
                    }
                  }}
                  onKeyDown={(e) => {
                    // Keyboard flow: phone, Enter, name, Enter. With the name already typed (or filled in), Enter registers.
                    if (e.key === 'Enter' && !name.trim()) {
                      e.preventDefault();
                      nameField.current?.focus();
                    }
                  }}
                  inputMode="tel"
                  autoComplete="off"
                  placeholder={t('desk.phonePlaceholder')}
                  aria-invalid={error ? fieldOf(error) === 'phone' : undefined}
                  data-testid="desk-phone"
                />
              </label>
              <label className="field name">
                <span>{t('desk.name')}</span>
                <input
                  ref={nameField}
                  value={name}
                  onChange={(e) => {
                    setName(e.target.value);
                    setError(null);
                    setNotice(null);
                  }}
                  autoComplete="off"
                  placeholder={t('desk.namePlaceholder')}
                  aria-invalid={error ? fieldOf(error) === 'name' : undefined}
                  data-testid="desk-name"
                  data-filled={nameIsFilled ? 'true' : 'false'}
                />
              </label>
            </div>
            <div className="walkin-actions">
              <button
                type="submit"
                className={`primary big${blocked ? ' blocked' : ''}`}
                disabled={busy}
                aria-disabled={blocked || undefined}
                data-testid="desk-submit"
              >
                {busy ? t('desk.submitting') : t('desk.submit')}
              </button>
              <button type="button" className="quiet" onClick={clear}>
                {t('desk.clear')}
              </button>
            </div>
            <p className="hint">
              {t('desk.keys')} · {t('desk.more')}
            </p>
            {notice && (
              <p className="warn big-error" role="alert" data-testid="desk-notice">
                {notice}
              </p>
            )}
            {error && (
              <p className="error big-error" role="alert" data-testid="desk-error" data-code={error.code}>
                {errorText(error)}
              </p>
            )}
          </div>

          {/* the verdict right under the number, the walk-in's other facts after it (Tab reaches them) */}
          <VerdictPanel lookup={lookup} phone={phone} name={name} staff={staff} filled={nameIsFilled} t={t} />

          <div className="card walkin-more-card">
            <div className="walkin-more">
              <fieldset className="source" data-testid="desk-source" data-value={source}>
                <legend>{t('desk.source')}</legend>
                {(['walk_in', 'referral', 'company'] as const).map((s) => (
                  <label key={s} className="radio">
                    <input
                      type="radio"
                      name="desk-source"
                      value={s}
                      checked={source === s || (!source && s === 'walk_in')}
                      onChange={() => setSource(s)}
                      data-testid={`desk-source-${s}`}
                    />
                    {t(`desk.source.${s}`)}
                  </label>
                ))}
              </fieldset>
              <label className="field with">
                <span>{t('desk.with')}</span>
                <input
                  value={withPhone}
                  onChange={(e) => setWithPhone(e.target.value)}
                  inputMode="tel"
                  autoComplete="off"
                  placeholder={t('desk.withPlaceholder')}
                  data-testid="desk-with"
                />
                {digitCount(withPhone) >= 11 && companion.data && (
                  <span className="small" data-testid="desk-with-found" data-customer={companion.data.customerId ?? ''}>
                    {companion.data.customerId === null
                      ? t('desk.withUnknown')
                      : companion.data.owners.length
                        ? t('desk.withFound', {
                            name: companion.data.name ?? '',
                            owner: companion.data.owners.map((o) => o.name).join(t('common.listSep')),
                          })
                        : t('desk.withFoundNoOwner', { name: companion.data.name ?? '' })}
                  </span>
                )}
              </label>
              {mayName && (
                <ConsultantChooser
                  label={t('desk.asksFor')}
                  consultants={consultants}
                  value={asksFor}
                  onChange={setAsksFor}
                  none={t('desk.asksForNone')}
                  testId="desk-asks-for"
                />
              )}
              {showLeadership && (
                <ConsultantChooser
                  label={t('desk.leadership')}
                  consultants={consultants}
                  value={leadershipNamed}
                  onChange={setLeadershipNamed}
                  none={t('desk.leadershipNone')}
                  testId="desk-leadership"
                />
              )}
            </div>
          </div>
        </form>

        {last && !last.receivedBy && last.waiting && (
          <section className="card result waiting" data-testid="walkin-waiting" aria-live="polite">
            <p className="result-title">{t('result.waitingTitle')}</p>
            <p className="result-line">{t('result.waiting', { position: String(last.waiting.position) })}</p>
            <p className="result-customer">
              {t('result.customer', { name: last.customerName, phone: last.phone, time: formatTime(last.at) })}
            </p>
          </section>
        )}
        {last && last.receivedBy && last.registeredFor && (
          <section
            className="card result"
            data-testid="walkin-result"
            data-consultant={last.receivedBy.id}
            data-reception={last.reception}
            data-visit={last.visitId}
            aria-live="polite"
          >
            <p className="result-title">{t('result.title')}</p>
            <p className="result-line" data-testid="walkin-result-line">
              {t('result.line', { name: last.receivedBy.name, kind: receptionLabel(t, last.reception) })}
            </p>
            {last.registeredFor.id !== last.receivedBy.id && (
              <p className="result-note">{t('result.registeredFor', { owner: last.registeredFor.name })}</p>
            )}
            {last.lostTurns.map((l) => (
              <p key={l.consultant} className="result-note warn">
                {t(`result.lost.${l.why}`, { name: staffName(staff, l.consultant) })}
              </p>
            ))}
            <p className="result-customer">
              {t('result.customer', { name: last.customerName, phone: last.phone, time: formatTime(last.at) })}
            </p>
          </section>
        )}
        {(can(me, 'desk.phoneInquiry') || can(me, 'desk.announce')) && <DeskCalls />}
      </section>

      <aside className="desk-side">
        <QueuePanel view={view} t={t} />
        <OpenReceptions view={view} t={t} />
      </aside>
    </main>
  );
}

function VerdictPanel({
  lookup,
  phone,
  name,
  staff,
  filled,
  t,
}: {
  lookup: LookupState;
  phone: string;
  name: string;
  staff: readonly StaffMember[];
  filled: boolean;
  t: Translate;
}) {
  // While a new lookup is on its way, keep showing the previous answer dimmed instead of flickering.
  const shown = useRef<LookupState>(lookup);
  if (lookup.kind !== 'checking') shown.current = lookup;
  const digits = digitCount(phone);

  if (!phone.trim()) return <VerdictBox status="idle" text={t('desk.verdictIdle')} quiet />;
  if (digits < LOOKUP_MIN_DIGITS) return <VerdictBox status="typing" text={t('desk.verdictTyping')} quiet />;

  const l = shown.current;
  const fresh = lookup.kind !== 'checking' && 'phone' in l && l.phone === phone && (l.kind !== 'done' || l.name === name.trim());
  switch (l.kind) {
    case 'idle':
    case 'checking':
      return <VerdictBox status="checking" text={t('desk.verdictChecking')} quiet />;
    case 'incomplete':
      return <VerdictBox status="incomplete" text={l.message} quiet fresh={fresh} />;
    case 'failed':
      return <VerdictBox status="failed" text={errorText(l.error)} fresh={fresh} />;
    case 'done': {
      const v = l.verdict;
      const ownerNames = v.owners.map((o) => o.name).join(t('common.listSep'));
      const pending = v.pendingToday ? t('verdict.pendingToday', { consultant: v.pendingToday.consultant.name }) : null;
      let status: string = v.status;
      let main: string;
      const extra: { key: string; text: string; warn?: boolean }[] = [];
      if (v.status === 'owned') {
        main = t('verdict.owned', { owner: ownerNames, until: v.until ? formatDay(v.until) : '' });
        if (pending) extra.push({ key: 'pending', text: pending });
      } else if (pending) {
        status = 'pending';
        main = pending;
      } else if (v.status === 'possible_match') main = t('verdict.possible');
      else main = t('verdict.new');
      // who is with them already, or their place in the queue: nothing here records them again (issue 17 item 6)
      if (v.inReception)
        extra.push({ key: 'in-reception', text: t('verdict.inReception', { name: v.inReception.consultant.name }), warn: true });
      if (v.waitingAlready)
        extra.push({ key: 'waiting-already', text: t('verdict.waitingAlready', { position: v.waitingAlready.position }), warn: true });
      // an owner who is not free: busy is not absent (R-ROS-9 either way; the proposal says who stands in)
      for (const o of v.owners)
        if (o.presence && o.presence !== 'free' && !(v.inReception && v.inReception.consultant.id === o.id))
          extra.push({ key: `owner-${o.id}`, text: t(`verdict.owner.${o.presence}`, { name: o.name }), warn: true });
      if (v.referralToday)
        extra.push({ key: 'referral', text: t('verdict.referralToday', { referrer: v.referralToday.referrer.name }), warn: true });
      // "received by roster like anyone else" (R-CO-2): a first visit by roster; once registered (owned, or today's
      // registration not yet confirmed) by that consultant, as the proposal says
      if (v.companyClient)
        extra.push({
          key: 'company',
          text: t(v.status === 'owned' || v.pendingToday ? 'verdict.companyClientOwned' : 'verdict.companyClient', {
            introducedBy: v.companyClient.introducedBy,
          }),
          warn: true,
        });
      if (filled) extra.push({ key: 'filled', text: t('verdict.nameFilled') });
      // another site of the office group saw this phone: told, never counted (ownership is each site's own)
      for (const e of v.elsewhere ?? []) extra.push({ key: `elsewhere-${e.site.code}`, text: elsewhereText(t, e) });
      return (
        <VerdictBox status={status} text={main} fresh={fresh}>
          {extra.map((x) => (
            <p
              key={x.key}
              className={`verdict-extra${x.warn ? ' warn' : ''}`}
              data-testid={`verdict-${x.key.startsWith('owner-') ? 'owner' : x.key}`}
            >
              {x.text}
            </p>
          ))}
          {v.possibleMatches.length > 0 && (
            <div className="verdict-matches" data-testid="verdict-matches">
              <p>{t('verdict.matchesTitle')}</p>
              <ul>
                {v.possibleMatches.map((m) => (
                  <li key={m.customerId}>
                    <a href={customerHref(m.customerId)} data-testid="verdict-match-link" data-customer={m.customerId}>
                      {t('verdict.match', { name: m.name, phone: m.phone, why: matchWhyText(t, m.why, m.name) })}
                    </a>
                    {m.owner ? t('verdict.matchOwner', { owner: staffName(staff, m.owner) }) : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <VerdictProposal proposal={v.proposal} />
          <VerdictCustomerLink customerId={v.customerId} />
        </VerdictBox>
      );
    }
  }
}

function VerdictBox({
  status,
  text,
  quiet,
  fresh = true,
  children,
}: {
  status: string;
  text: string;
  quiet?: boolean;
  fresh?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <section
      className={`card verdict verdict-${status}${quiet ? ' quiet' : ''}${fresh ? '' : ' stale'}`}
      data-testid="verdict"
      data-status={status}
      data-fresh={fresh ? 'true' : 'false'}
      aria-live="polite"
    >
      <p className="verdict-main">{text}</p>
      {children}
    </section>
  );
}

function QueuePanel({ view, t }: { view: RosterView | null; t: Translate }) {
  return (
    <section className="card side-card" data-testid="desk-queue-panel">
      <h2>{t('queue.title')}</h2>
      {!view ? (
        <p className="muted" data-testid="queue-none">
          {t('queue.none')}
        </p>
      ) : (
        <>
          <ol className="queue" data-testid="desk-queue">
            {view.queue.map((q, i) => (
              <li key={q.id} className={`queue-item${q.id === view.next ? ' next' : ''}`} data-testid="queue-item" data-consultant={q.id}>
                <span className="queue-pos">{i + 1}</span>
                <span className="queue-name">{q.name}</span>
                <StatusBadge entry={q} />
                {q.id === view.next && <span className="badge next-badge">{t('queue.next')}</span>}
              </li>
            ))}
          </ol>
          {!view.next && <p className="warn">{t('queue.nobodyFree')}</p>}
          {view.waiting.length > 0 && (
            <div data-testid="waiting-list">
              <h3>{t('queue.waiting', { count: String(view.waiting.length) })}</h3>
              <ol className="waiting">
                {view.waiting.map((w) => (
                  <WaitingItem key={w.waitId} waitId={w.waitId} name={w.name} since={w.since} t={t} />
                ))}
              </ol>
            </div>
          )}
          {view.lunchDesk.length > 0 && (
            <p className="muted small">
              {t('queue.lunchDesk', {
                names: view.lunchDesk.map((id) => view.queue.find((q) => q.id === id)?.name ?? id).join(t('common.listSep')),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** A waiting customer; whoever works the desk records that they left without being received (desk.leaveWaiting). */
function WaitingItem({ waitId, name, since, t }: { waitId: number; name: string; since: string; t: Translate }) {
  const me = useSession((s) => s.me);
  const change = useDesk((s) => s.change);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leave = async (reason: string) => {
    setBusy(true);
    const r = await change('desk.leaveWaiting', { waitId, ...(reason ? { reason } : {}) });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setAsking(false);
    document.querySelector<HTMLInputElement>('[data-testid="desk-phone"]')?.focus();
  };
  return (
    <li data-testid="waiting-item" data-wait={waitId}>
      {name} · {formatTime(since)}
      {can(me, 'desk.leaveWaiting') && !asking && (
        <button type="button" className="quiet small" onClick={() => setAsking(true)} data-testid={`leave-${waitId}`}>
          {t('waiting.leave')}
        </button>
      )}
      {asking && (
        <InlineDialog
          question={t('waiting.leaveQuestion', { name })}
          reason="optional"
          error={error}
          busy={busy}
          onConfirm={(reason) => void leave(reason)}
          onCancel={() => setAsking(false)}
          testId="leave-dialog"
        />
      )}
    </li>
  );
}

function OpenReceptions({ view, t }: { view: RosterView | null; t: Translate }) {
  const finish = useDesk((s) => s.finish);
  const me = useSession((s) => s.me);
  const mayChange = can(me, 'desk.switch');
  const [changing, setChanging] = useState<{ kind: ReceptionChangeKind; visitId: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const consultants: ChoosableConsultant[] = (view?.queue ?? []).map((q) => ({
    id: q.id,
    name: q.name,
    ...(q.receiving.length
      ? { note: t('status.receiving', { customer: q.receiving[0]!.customerName }) }
      : q.status !== 'present'
        ? { note: t(`status.${q.status}`) }
        : {}),
  }));
  // Who may end a reception (R-ROS-6): its own consultant, the front desk or a manager (desk.finish's check).
  const mayFinish = (consultantId: string) => !!me && (me.id === consultantId || holds(me, DESK_STAFF));
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = (view?.queue ?? []).flatMap((q) => q.receiving.map((r) => ({ ...r, consultant: q })));

  const onFinish = async (visitId: number) => {
    setBusy(visitId);
    const r = await finish(visitId);
    setBusy(null);
    setError(r.ok ? null : errorText(r.error));
  };

  return (
    <section className="card side-card" data-testid="open-receptions">
      <h2>{t('open.title')}</h2>
      {open.length === 0 ? (
        <p className="muted">{t('open.none')}</p>
      ) : (
        <ul className="open-list">
          {open.map((r) => (
            <li key={r.visitId} data-testid={`open-reception-${r.visitId}`} data-consultant={r.consultant.id} data-visit={r.visitId}>
              <span className="open-line">
                {t('open.line', { consultant: r.consultant.name, customer: r.customerName })}
                <span className="muted small"> · {receptionLabel(t, r.reception)}</span>
              </span>
              {mayFinish(r.consultant.id) && (
                <button
                  type="button"
                  onClick={() => void onFinish(r.visitId)}
                  disabled={busy === r.visitId}
                  data-testid={`finish-${r.visitId}`}
                >
                  {t('open.finish')}
                </button>
              )}
              {mayChange && (
                <>
                  <button
                    type="button"
                    onClick={() => (setDone(null), setChanging({ kind: 'switch', visitId: r.visitId }))}
                    data-testid={`switch-${r.visitId}`}
                  >
                    {t('open.switch')}
                  </button>
                  <button
                    type="button"
                    onClick={() => (setDone(null), setChanging({ kind: 'refuse', visitId: r.visitId }))}
                    data-testid={`refuse-${r.visitId}`}
                  >
                    {t('open.refuse')}
                  </button>
                </>
              )}
              {changing?.visitId === r.visitId && (
                <ReceptionChange
                  kind={changing.kind}
                  visitId={r.visitId}
                  customer={r.customerName}
                  consultant={{ id: r.consultant.id, name: r.consultant.name }}
                  consultants={consultants}
                  onDone={(said) => {
                    setChanging(null);
                    setDone(said);
                  }}
                  onCancel={() => setChanging(null)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {done && (
        <p className="ok" role="status" data-testid="reception-change-done">
          {done}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="finish-error">
          {error}
        </p>
      )}
    </section>
  );
}
