/**
 * The entrance desk: phone first (autofocused), the verdict as the number is typed, Enter registers the
 * walk-in and shows who receives, then the form clears for the next customer. The queue and the open
 * receptions sit beside it. Who receives is always the server's answer (desk.walkIn).
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../api/client';
import type { RosterView, StaffMember, Verdict } from '../api/types';
import { useApi } from '../api/useApi';
import { BackupBanners } from '../components/BackupWarnings';
import { DeskNotices } from '../components/DeskNotices';
import { matchWhyText } from '../components/MatchWhyText';
import { StatusBadge } from '../components/StatusBadge';
import { VerdictCustomerLink, VerdictProposal } from '../components/VerdictExtras';
import { formatDay, formatTime, receptionLabel, type Translate, useT } from '../i18n';
import { customerHref } from '../lib/route';
import { useDesk } from '../stores/desk';
import { useRoster } from '../stores/roster';
import { DESK_STAFF, holds } from '../../src/api/spec';
import { staffName, useSession } from '../stores/session';
import { errorText } from '../i18n/reasons';

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
function useLookup(phone: string, name: string): LookupState {
  const [asked, setAsked] = useState<{ phone: string; name: string } | null>(null);
  useEffect(() => {
    if (digitCount(phone) < LOOKUP_MIN_DIGITS) {
      setAsked(null);
      return;
    }
    const timer = setTimeout(() => setAsked({ phone, name: name.trim() }), LOOKUP_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [phone, name]);
  const input = asked ? (asked.name ? { phone: asked.phone, name: asked.name } : { phone: asked.phone }) : { phone: '' };
  const read = useApi('desk.lookup', input, { enabled: asked !== null, areas: ['roster', 'registrations', 'customers', 'staff'] });
  if (!asked) return { kind: 'idle' };
  if (read.error) return read.error.code === 'validation' ? { kind: 'incomplete', phone: asked.phone, message: errorText(read.error) } : { kind: 'failed', phone: asked.phone, error: read.error };
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
  // Only the front desk and managers record a named reception (the service refuses consultants: self-dealing).
  const mayName = holds(useSession((s) => s.me), DESK_STAFF);
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [asksFor, setAsksFor] = useState('');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const phoneField = useRef<HTMLInputElement>(null);
  const nameField = useRef<HTMLInputElement>(null);

  useEffect(() => phoneField.current?.focus(), []);
  const lookup = useLookup(phone, name);

  const clear = () => {
    setPhone('');
    setName('');
    setAsksFor('');
    setError(null);
    phoneField.current?.focus();
  };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await walkIn({ customer: { name, phone }, ...(asksFor ? { asksFor } : {}) });
    setBusy(false);
    if (r.ok) {
      setPhone('');
      setName('');
      setAsksFor('');
      setError(null);
      phoneField.current?.focus();
    } else {
      setError(r.error);
      (fieldOf(r.error) === 'name' ? nameField : phoneField).current?.focus();
    }
  };

  const onFormKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      clear();
    }
  };

  return (
    <main className="desk" data-testid="desk">
      <BackupBanners />
      <DeskNotices />
      <section className="desk-main">
        <form
          className="walkin-form card"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          onKeyDown={onFormKeyDown}
          noValidate
        >
          <div className="walkin-fields">
            <label className="field phone">
              <span>{t('desk.phone')}</span>
              <input
                ref={phoneField}
                value={phone}
                onChange={(e) => {
                  setPhone(e.target.value);
                  setError(null);
                }}
                onKeyDown={(e) => {
                  // Keyboard flow: phone, Enter, name, Enter. With the name already typed, Enter registers.
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
                }}
                autoComplete="off"
                placeholder={t('desk.namePlaceholder')}
                aria-invalid={error ? fieldOf(error) === 'name' : undefined}
                data-testid="desk-name"
              />
            </label>
          </div>
          <div className="walkin-actions">
            {mayName && (
              <label className="field asks-for">
                <span>{t('desk.asksFor')}</span>
                <select value={asksFor} onChange={(e) => setAsksFor(e.target.value)} data-testid="desk-asks-for">
                  <option value="">{t('desk.asksForNone')}</option>
                  {(view?.queue ?? []).map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="submit" className="primary big" disabled={busy} data-testid="desk-submit">
              {busy ? t('desk.submitting') : t('desk.submit')}
            </button>
            <button type="button" className="quiet" onClick={clear}>
              {t('desk.clear')}
            </button>
          </div>
          <p className="hint">{t('desk.keys')}</p>
          {error && (
            <p className="error big-error" role="alert" data-testid="desk-error" data-code={error.code}>
              {errorText(error)}
            </p>
          )}
        </form>

        <VerdictPanel lookup={lookup} phone={phone} name={name} staff={staff} t={t} />

        {last && !last.receivedBy && last.waiting && (
          <section className="card result waiting" data-testid="walkin-waiting" aria-live="polite">
            <p className="result-title">{t('result.waitingTitle')}</p>
            <p className="result-line">{t('result.waiting', { position: String(last.waiting.position) })}</p>
            <p className="result-customer">{t('result.customer', { name: last.customerName, phone: last.phone, time: formatTime(last.at) })}</p>
          </section>
        )}
        {last && last.receivedBy && last.registeredFor && (
          <section className="card result" data-testid="walkin-result" data-consultant={last.receivedBy.id} data-reception={last.reception} data-visit={last.visitId} aria-live="polite">
            <p className="result-title">{t('result.title')}</p>
            <p className="result-line" data-testid="walkin-result-line">
              {t('result.line', { name: last.receivedBy.name, kind: receptionLabel(t, last.reception) })}
            </p>
            {last.registeredFor.id !== last.receivedBy.id && <p className="result-note">{t('result.registeredFor', { owner: last.registeredFor.name })}</p>}
            {last.lostTurns.map((l) => (
              <p key={l.consultant} className="result-note warn">
                {t(`result.lost.${l.why}`, { name: staffName(staff, l.consultant) })}
              </p>
            ))}
            <p className="result-customer">{t('result.customer', { name: last.customerName, phone: last.phone, time: formatTime(last.at) })}</p>
          </section>
        )}
      </section>

      <aside className="desk-side">
        <QueuePanel view={view} t={t} />
        <OpenReceptions view={view} t={t} />
      </aside>
    </main>
  );
}

function VerdictPanel({ lookup, phone, name, staff, t }: { lookup: LookupState; phone: string; name: string; staff: readonly StaffMember[]; t: Translate }) {
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
      const extra: string[] = [];
      if (v.status === 'owned') {
        main = t('verdict.owned', { owner: ownerNames, until: v.until ? formatDay(v.until) : '' });
        if (pending) extra.push(pending);
      } else if (pending) {
        status = 'pending';
        main = pending;
      } else if (v.status === 'possible_match') main = t('verdict.possible');
      else main = t('verdict.new');
      return (
        <VerdictBox status={status} text={main} fresh={fresh}>
          {extra.map((x) => (
            <p key={x} className="verdict-extra">
              {x}
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

function VerdictBox({ status, text, quiet, fresh = true, children }: { status: string; text: string; quiet?: boolean; fresh?: boolean; children?: React.ReactNode }) {
  return (
    <section className={`card verdict verdict-${status}${quiet ? ' quiet' : ''}${fresh ? '' : ' stale'}`} data-testid="verdict" data-status={status} data-fresh={fresh ? 'true' : 'false'} aria-live="polite">
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
                  <li key={w.waitId}>
                    {w.name} · {formatTime(w.since)}
                  </li>
                ))}
              </ol>
            </div>
          )}
          {view.lunchDesk.length > 0 && (
            <p className="muted small">{t('queue.lunchDesk', { names: view.lunchDesk.map((id) => view.queue.find((q) => q.id === id)?.name ?? id).join(t('common.listSep')) })}</p>
          )}
        </>
      )}
    </section>
  );
}

function OpenReceptions({ view, t }: { view: RosterView | null; t: Translate }) {
  const finish = useDesk((s) => s.finish);
  const me = useSession((s) => s.me);
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
                <button type="button" onClick={() => void onFinish(r.visitId)} disabled={busy === r.visitId} data-testid={`finish-${r.visitId}`}>
                  {t('open.finish')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert" data-testid="finish-error">
          {error}
        </p>
      )}
    </section>
  );
}
