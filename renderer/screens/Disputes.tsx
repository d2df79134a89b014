/**
 * Ownership disputes (R-DIS-1, 2). A consultant or the PM raises one over a deal (from the deals screen)
 * or over a customer (here). The PM writes the opinion: one row per party with a share in %, each party's
 * fault and contribution, a live total that must be exactly 100% before it can be sent (the server checks
 * again). The director's inbox holds the opinions waiting for approval: approve (final, applied to the
 * deal) or return to the PM with a required comment. Every step shows who, when, what and the proposed
 * split; after the decision nothing is editable.
 *
 * At every step the dispute keeps its subject in sight (issue 17 item 19): the customer (a link to the
 * customer page), the person's registrations when it was raised, who raised it and when, the deals it
 * concerns (links to each on the deals screen) and who owns the customer now — facts of dispute.get.
 *
 * The list and the open dispute read through useApi: a raise, an opinion, a return or a decision at any
 * terminal (and a deal or registration changed there) re-reads what is shown, without a reload.
 *
 * #/disputes/12 opens dispute 12. Keys: ↑↓ in the list move between disputes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Area } from '../api/changes';
import { useApi } from '../api/useApi';
import type { Actor, CustomerHit, DisputeDetail, DisputeRow, DisputeStatus, StaffMember } from '../api/types';
import { CustomerSearch } from '../components/CustomerSearch';
import { InlineDialog } from '../components/InlineDialog';
import { SplitLines } from '../components/SplitLines';
import { formatDay, formatWhen, type Translate, useT } from '../i18n';
import { can } from '../../src/api/spec';
import { bpsToInput, formatBps, FULL_BPS, parsePercent } from '../lib/money';
import { dayOfInstant } from '../lib/days';
import { customerHref, dealHref } from '../lib/route';
import { staffName, useSession } from '../stores/session';
import '../styles/money.css';
import { KeyboardForm } from '../components/KeyboardForm';
import { errorText } from '../i18n/reasons';

const STATUSES: readonly DisputeStatus[] = ['open', 'opinion', 'returned', 'decided'];
type Filter = DisputeStatus | 'all';

/** What the list shows changes with a dispute's steps, and with its deal's unit or its customer's name. */
const LIST_AREAS: readonly Area[] = ['disputes', 'deals', 'customers'];
/** The open dispute shows its subject too: the person's registrations, deals and owners. */
const VIEW_AREAS: readonly Area[] = ['disputes', 'deals', 'customers', 'registrations'];

function idFromHash(): number | null {
  const m = /^#\/disputes\/(\d+)/.exec(globalThis.location?.hash ?? '');
  return m ? Number(m[1]) : null;
}

export function StatusTag({ status, t }: { status: DisputeStatus; t: Translate }) {
  return (
    <span className={`badge dispute-status status-${status}`} data-testid="dispute-status" data-status={status}>
      {t(`disputes.status.${status}`)}
    </span>
  );
}

export function Disputes() {
  const t = useT();
  const me = useSession((s) => s.me);
  const director = can(me, 'dispute.approve');
  // The director opens on the inbox: the opinions waiting for approval.
  const [filter, setFilter] = useState<Filter>(director ? 'opinion' : 'all');
  const [selected, setSelected] = useState<number | null>(idFromHash);
  const [raising, setRaising] = useState(false);
  const list = useApi('dispute.list', filter === 'all' ? {} : { status: filter }, { enabled: can(me, 'dispute.list'), areas: LIST_AREAS });
  const rows: DisputeRow[] | null = list.data ?? null;
  const loadError = list.error ? errorText(list.error) : null;
  const load = list.reload;

  useEffect(() => {
    const onHash = () => {
      const id = idFromHash();
      if (id) setSelected(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const select = (id: number) => {
    setSelected(id);
    setRaising(false);
    history.replaceState(null, '', `#/disputes/${id}`);
  };

  if (!can(me, 'dispute.list')) {
    return (
      <main className="money-screen" data-testid="disputes">
        <p className="card muted">{t('disputes.notAllowed')}</p>
      </main>
    );
  }

  return (
    <main className="money-screen disputes-screen" data-testid="disputes">
      <div className="screen-title">
        <h1>{t('disputes.title')}</h1>
        <div className="segmented filter-tabs" role="tablist" aria-label={t('disputes.filter')}>
          {(['all', ...STATUSES] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={filter === s}
              className={filter === s ? 'on' : ''}
              onClick={() => setFilter(s)}
              data-testid={`dispute-filter-${s}`}
            >
              {s === 'all'
                ? t('disputes.filter.all')
                : s === 'opinion' && director
                  ? t('disputes.filter.inbox')
                  : t(`disputes.status.${s}`)}
            </button>
          ))}
        </div>
        {can(me, 'dispute.raise') && (
          <button type="button" className="title-action" onClick={() => setRaising(true)} data-testid="raise-customer-dispute">
            {t('disputes.raise.button')}
          </button>
        )}
      </div>
      <div className="disputes-layout">
        <DisputeList rows={rows} error={loadError} selected={selected} onSelect={select} filter={filter} t={t} />
        <section className="dispute-pane">
          {raising ? (
            <RaiseOverCustomer
              onDone={async (id) => {
                setRaising(false);
                await load();
                select(id);
              }}
              onCancel={() => setRaising(false)}
              t={t}
            />
          ) : selected ? (
            <DisputeView key={selected} id={selected} me={me} onChanged={load} t={t} />
          ) : (
            <p className="card muted empty-note">{t('disputes.pick')}</p>
          )}
        </section>
      </div>
    </main>
  );
}

function DisputeList({
  rows,
  error,
  selected,
  onSelect,
  filter,
  t,
}: {
  rows: DisputeRow[] | null;
  error: string | null;
  selected: number | null;
  onSelect(id: number): void;
  filter: Filter;
  t: Translate;
}) {
  const staff = useSession((s) => s.staff);
  const list = useRef<HTMLUListElement>(null);
  const move = (e: React.KeyboardEvent, i: number) => {
    if (!rows || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const next = rows[(i + (e.key === 'ArrowDown' ? 1 : -1) + rows.length) % rows.length];
    if (next) {
      onSelect(next.id);
      list.current?.querySelector<HTMLButtonElement>(`[data-dispute="${next.id}"]`)?.focus();
    }
  };
  return (
    <section className="card dispute-list-card">
      {error && (
        <p className="error" role="alert" data-testid="disputes-error">
          {error}
        </p>
      )}
      {rows === null && !error && <p className="muted">{t('disputes.loading')}</p>}
      {rows?.length === 0 && (
        <p className="muted" data-testid="disputes-empty">
          {filter === 'all' ? t('disputes.none') : t('disputes.noneWith', { status: t(`disputes.status.${filter}`) })}
        </p>
      )}
      <ul className="dispute-list" ref={list}>
        {rows?.map((r, i) => (
          <li key={r.id}>
            <button
              type="button"
              className={`dispute-item${r.id === selected ? ' selected' : ''}`}
              onClick={() => onSelect(r.id)}
              onKeyDown={(e) => move(e, i)}
              data-testid="dispute-item"
              data-dispute={r.id}
              data-status={r.status}
              aria-current={r.id === selected || undefined}
            >
              <span className="dispute-item-head">
                <span className="deal-id">#{r.id}</span>
                <b>{r.customerName ?? ''}</b>
                <span className="muted">
                  {r.deal_id ? t('disputes.overDeal', { deal: r.deal_id, unit: r.unit ?? '' }) : t('disputes.overCustomer')}
                </span>
                <StatusTag status={r.status} t={t} />
              </span>
              <span className="dispute-item-claim">{r.claim}</span>
              <span className="dispute-item-meta muted small">
                {t('disputes.raisedBy', { name: staffName(staff, r.raised_by), when: formatWhen(r.at) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Pending = 'approve' | 'return' | null;

function DisputeView({ id, me, onChanged, t }: { id: number; me: Actor | null; onChanged(): Promise<void>; t: Translate }) {
  const staff = useSession((s) => s.staff);
  const read = useApi('dispute.get', { dispute: id }, { areas: VIEW_AREAS });
  const d = read.data;
  // A deal's dispute shows the deal's split now (computed while open, as decided after).
  const dealId = d?.deal_id ?? null;
  const splitRead = useApi('deal.split', { deal: dealId ?? 0 }, { enabled: dealId !== null && can(me, 'deal.split'), areas: VIEW_AREAS });
  const split = dealId !== null ? (splitRead.data ?? null) : null;
  /** the deal's split has arrived (or there is no deal): the opinion form can start from it */
  const context = dealId === null || split !== null || splitRead.error !== null;
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (!d)
    return read.error ? (
      <p className="error" role="alert" data-testid="dispute-error">
        {errorText(read.error)}
      </p>
    ) : (
      <p className="muted">{t('disputes.loading')}</p>
    );

  const after = async () => {
    setPending(null);
    setActionError(null);
    await Promise.all([read.reload(), onChanged()]);
  };

  const approve = async () => {
    setBusy(true);
    const r = await api.call('dispute.approve', { dispute: d.id });
    setBusy(false);
    if (!r.ok) return setActionError(errorText(r.error));
    await after();
  };

  const returnIt = async (comment: string) => {
    if (!comment) return setActionError(t('disputes.return.needComment'));
    setBusy(true);
    const r = await api.call('dispute.return', { dispute: d.id, comment });
    setBusy(false);
    if (!r.ok) return setActionError(errorText(r.error));
    await after();
  };

  const lastReturn = [...d.steps].reverse().find((s) => s.type === 'return');
  const canWrite = can(me, 'dispute.opinion') && (d.status === 'open' || d.status === 'returned');
  const canDecide = can(me, 'dispute.approve') && d.status === 'opinion';
  // The parties the PM starts from: a returned opinion's own rows, else whoever the split or ownership
  // names now, and the consultant who raised it.
  const raiser = staff.find((s) => s.id === d.raised_by);
  const owners = d.subject.owners.map((o) => o.id);
  const parties =
    d.status === 'returned' && d.proposed
      ? Object.keys(d.proposed)
      : [...new Set([...(split?.lines.map((l) => l.beneficiary) ?? owners), ...(raiser?.roles.includes('consultant') ? [raiser.id] : [])])];

  return (
    <article className="card dispute-view" data-testid="dispute-view" data-dispute={d.id} data-status={d.status}>
      <header className="dispute-view-head">
        <h2>
          {t('disputes.heading', { id: d.id })} <StatusTag status={d.status} t={t} />
        </h2>
      </header>
      <DisputeSubject d={d} t={t} />

      {d.status === 'decided' && d.proposed && (
        <p className="decided-banner" data-testid="decided-banner">
          {t('disputes.decidedBanner', { split: splitText(d.proposed, staff, t) })}
        </p>
      )}

      {split && (
        <div className="dispute-current">
          <h3>{d.status === 'decided' ? t('disputes.splitNow') : t('disputes.splitComputed')}</h3>
          <SplitLines split={split} testId="dispute-deal-split" />
        </div>
      )}

      <h3>{t('disputes.steps')}</h3>
      <ol className="steps" data-testid="dispute-steps">
        {/* dispute.get lists the raise itself as the first step */}
        {d.steps.map((s) => (
          <li key={s.id} className={`step step-${s.type}`} data-testid="dispute-step" data-type={s.type}>
            <StepHead type={s.type} who={s.actorName} at={s.at} t={t} />
            {s.type === 'approve' ? (
              s.split && (
                <p className="step-text step-decision" data-testid="approved-split">
                  {t('disputes.step.approvedSplit', { split: splitText(s.split, staff, t) })}
                </p>
              )
            ) : (
              <>
                <p className="step-text">{s.text}</p>
                {s.split && <ProposedSplit split={s.split} assessment={s.assessment} staff={staff} t={t} />}
              </>
            )}
          </li>
        ))}
      </ol>

      {canWrite && context && (
        <OpinionForm key={d.steps.length} dispute={d} parties={parties} returnComment={lastReturn?.text ?? null} onDone={after} t={t} />
      )}

      {canDecide && (
        <div className="decide no-print" data-testid="decide">
          {pending === null && (
            <div className="row-buttons">
              <button
                type="button"
                className="primary"
                onClick={() => (setPending('approve'), setActionError(null))}
                data-testid="dispute-approve"
              >
                {t('disputes.approve.button')}
              </button>
              <button type="button" onClick={() => (setPending('return'), setActionError(null))} data-testid="dispute-return">
                {t('disputes.return.button')}
              </button>
            </div>
          )}
          {pending === 'approve' && (
            <InlineDialog
              question={t('disputes.approve.question', { split: d.proposed ? splitText(d.proposed, staff, t) : '' })}
              error={actionError}
              busy={busy}
              onConfirm={() => void approve()}
              onCancel={() => setPending(null)}
              testId="approve-dialog"
            />
          )}
          {pending === 'return' && (
            <InlineDialog
              question={t('disputes.return.question')}
              reason="required"
              reasonLabel={t('disputes.return.comment')}
              error={actionError}
              busy={busy}
              onConfirm={(c) => void returnIt(c)}
              onCancel={() => setPending(null)}
              onEdit={() => setActionError(null)}
              testId="return-dialog"
            />
          )}
        </div>
      )}
      {d.status === 'opinion' && !canDecide && <p className="muted small waiting-note">{t('disputes.waitingDirector')}</p>}
      {d.status === 'decided' && <p className="muted small">{t('disputes.final')}</p>}
    </article>
  );
}

/** What the dispute is about, kept in sight at every step: facts of dispute.get, worded here. */
function DisputeSubject({ d, t }: { d: DisputeDetail; t: Translate }) {
  const { customer, registrations, deals, owners } = d.subject;
  const customerLink = customer ? (
    <a href={customerHref(customer.id)} data-testid="dispute-customer-link" data-customer={customer.id}>
      {customer.name}
    </a>
  ) : null;
  return (
    <section
      className="dispute-subject"
      data-testid="dispute-subject"
      data-customer={customer?.id}
      aria-label={t('disputes.subject.title')}
    >
      <p className="dispute-subject-head" data-testid="dispute-subject-head">
        {d.deal_id
          ? t('disputes.subject.overDeal', { deal: d.deal_id, unit: d.unit ?? '' })
          : t('disputes.subject.overCustomer', { customer: customer?.name ?? '' })}
        {d.status !== 'decided' && (
          <span className="muted small dispute-on-hold" data-testid="dispute-on-hold">
            {t('disputes.subject.onHold')}
          </span>
        )}
      </p>
      <dl className="dispute-facts">
        <dt>{t('disputes.subject.customer')}</dt>
        <dd>{customerLink ?? '—'}</dd>
        <dt>{t('disputes.subject.claimant')}</dt>
        <dd data-testid="dispute-claimant" data-staff={d.raised_by}>
          {t('disputes.subject.claimantWhen', { name: d.raisedByName, when: formatWhen(d.at) })}
        </dd>
        <dt>{t('disputes.subject.registrations')}</dt>
        <dd>
          {registrations.length === 0 ? (
            <span className="muted">{t('disputes.subject.noRegistrations')}</span>
          ) : (
            <ul className="dispute-registrations">
              {registrations.map((r) => (
                <li
                  key={r.id}
                  data-testid="dispute-registration"
                  data-registration={r.id}
                  data-consultant={r.consultant}
                  data-status={r.status}
                >
                  {t('disputes.subject.registration', {
                    day: formatDay(r.day),
                    name: r.consultantName,
                    status: t(`reg.status.${r.status}`),
                  })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('disputes.subject.deals')}</dt>
        <dd>
          {deals.length === 0 ? (
            <span className="muted">{t('disputes.subject.noDeals')}</span>
          ) : (
            <ul className="dispute-deals">
              {deals.map((x) => (
                <li key={x.id}>
                  <a href={dealHref(x.month, x.id)} data-testid="dispute-deal-link" data-deal={x.id}>
                    {t('disputes.subject.deal', { deal: x.id, unit: x.unit, day: formatDay(x.day) })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('disputes.subject.owners')}</dt>
        <dd data-testid="dispute-owners" data-owners={owners.map((o) => `${o.id}:${o.bps}`).join(',')}>
          {owners.length === 0
            ? t('disputes.subject.nobody')
            : owners
                .map((o) => t('disputes.subject.owner', { name: o.name, share: formatBps(o.bps), since: formatDay(dayOfInstant(o.since)) }))
                .join(t('common.listSep'))}
        </dd>
      </dl>
    </section>
  );
}

function StepHead({ type, who, at, t }: { type: string; who: string; at: string; t: Translate }) {
  const label = type === 'raise' || type === 'opinion' || type === 'return' || type === 'approve' ? t(`disputes.step.${type}`) : type;
  return (
    <p className="step-head">
      <span className="step-type">{label}</span>
      <b>{who}</b>
      <span className="muted">{formatWhen(at)}</span>
    </p>
  );
}

/** Shares in the order given (the PM's rows), people by name and the pool as 公佣. */
function splitText(split: Record<string, number>, staff: readonly StaffMember[], t: Translate): string {
  return Object.entries(split)
    .map(([k, v]) => `${k === 'pool' ? t('statements.pool') : staffName(staff, k)} ${formatBps(v)}`)
    .join(t('common.listSep'));
}

function ProposedSplit({
  split,
  assessment,
  staff,
  t,
}: {
  split: Record<string, number>;
  assessment: Record<string, { fault: string; contribution: string }> | null;
  staff: readonly StaffMember[];
  t: Translate;
}) {
  return (
    <table className="proposed" data-testid="proposed-split">
      <thead>
        <tr>
          <th>{t('disputes.party')}</th>
          <th className="num">{t('split.share')}</th>
          <th>{t('disputes.fault')}</th>
          <th>{t('disputes.contribution')}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(split).map(([k, v]) => (
          <tr key={k} data-party={k} data-bps={v}>
            <td>{k === 'pool' ? t('statements.pool') : staffName(staff, k)}</td>
            <td className="num">{formatBps(v)}</td>
            <td>{assessment?.[k]?.fault || '—'}</td>
            <td>{assessment?.[k]?.contribution || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface PartyRow {
  id: string;
  share: string;
  fault: string;
  contribution: string;
}

function OpinionForm({
  dispute,
  parties,
  returnComment,
  onDone,
  t,
}: {
  dispute: DisputeDetail;
  parties: string[];
  returnComment: string | null;
  onDone(): Promise<void>;
  t: Translate;
}) {
  const staff = useSession((s) => s.staff);
  const previous = dispute.status === 'returned' ? [...dispute.steps].reverse().find((s) => s.type === 'opinion') : undefined;
  const [rows, setRows] = useState<PartyRow[]>(() =>
    parties.map((id) => ({
      id,
      share: previous?.split?.[id] !== undefined ? bpsToInput(previous.split[id]) : '',
      fault: previous?.assessment?.[id]?.fault ?? '',
      contribution: previous?.assessment?.[id]?.contribution ?? '',
    })),
  );
  const [text, setText] = useState(previous?.text ?? '');
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstShare = useRef<HTMLInputElement>(null);

  const parsed = rows.map((r) => parsePercent(r.share));
  const total = parsed.reduce((a, p) => a + (p.ok ? p.value : 0), 0);
  const bad = parsed.some((p, i) => !p.ok && rows[i]!.share.trim() !== '');
  const blank = parsed.some((p) => !p.ok);
  const exact = !blank && total === FULL_BPS;
  const candidates = [
    ...staff.filter((s) => s.roles.some((r) => r === 'consultant' || r === 'employee')),
    { id: 'pool', name: t('statements.pool'), roles: [] },
  ].filter((s) => !rows.some((r) => r.id === s.id));
  const nameOf = (id: string) => (id === 'pool' ? t('statements.pool') : staffName(staff, id));

  const update = (i: number, patch: Partial<PartyRow>) => {
    setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    setError(null);
  };

  const submit = async () => {
    if (!exact || busy) return;
    if (!text.trim()) return setError(t('disputes.opinion.needText'));
    const split = Object.fromEntries(rows.map((r, i) => [r.id, (parsed[i] as { value: number }).value]));
    const assessed = rows.filter((r) => r.id !== 'pool' && (r.fault.trim() || r.contribution.trim()));
    setBusy(true);
    const r = await api.call('dispute.opinion', {
      dispute: dispute.id,
      split,
      text: text.trim(),
      ...(assessed.length
        ? { parties: Object.fromEntries(assessed.map((p) => [p.id, { fault: p.fault.trim(), contribution: p.contribution.trim() }])) }
        : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    await onDone();
  };

  const totalText = useMemo(() => formatBps(total), [total]);

  return (
    <form
      className="opinion-form no-print"
      data-testid="opinion-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('disputes.opinion.title')}</h3>
      {returnComment && (
        <p className="returned-note" data-testid="returned-note">
          {t('disputes.opinion.returned', { comment: returnComment })}
        </p>
      )}
      <table className="opinion-table">
        <thead>
          <tr>
            <th>{t('disputes.party')}</th>
            <th className="num">{t('disputes.opinion.share')}</th>
            <th>{t('disputes.fault')}</th>
            <th>{t('disputes.contribution')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} data-testid="opinion-row" data-party={r.id}>
              <td className="party-name">{nameOf(r.id)}</td>
              <td className="num">
                <span className="percent-input">
                  <input
                    ref={i === 0 ? firstShare : undefined}
                    value={r.share}
                    onChange={(e) => update(i, { share: e.target.value })}
                    inputMode="decimal"
                    aria-label={t('disputes.opinion.shareOf', { name: nameOf(r.id) })}
                    aria-invalid={(!parsed[i]!.ok && r.share.trim() !== '') || undefined}
                    data-testid={`opinion-share-${r.id}`}
                  />
                  %
                </span>
              </td>
              <td>
                <input
                  value={r.fault}
                  onChange={(e) => update(i, { fault: e.target.value })}
                  maxLength={500}
                  disabled={r.id === 'pool'}
                  aria-label={t('disputes.opinion.faultOf', { name: nameOf(r.id) })}
                  data-testid={`opinion-fault-${r.id}`}
                />
              </td>
              <td>
                <input
                  value={r.contribution}
                  onChange={(e) => update(i, { contribution: e.target.value })}
                  maxLength={500}
                  disabled={r.id === 'pool'}
                  aria-label={t('disputes.opinion.contributionOf', { name: nameOf(r.id) })}
                  data-testid={`opinion-contribution-${r.id}`}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="quiet"
                  onClick={() => setRows((x) => x.filter((_, j) => j !== i))}
                  aria-label={t('disputes.opinion.remove', { name: nameOf(r.id) })}
                  data-testid={`opinion-remove-${r.id}`}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>
              <span className="add-party">
                <select
                  value={adding}
                  onChange={(e) => setAdding(e.target.value)}
                  aria-label={t('disputes.opinion.addWho')}
                  data-testid="opinion-add-who"
                >
                  <option value="">{t('disputes.opinion.addWho')}</option>
                  {candidates.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  disabled={!adding}
                  onClick={() => {
                    setRows((x) => [...x, { id: adding, share: '', fault: '', contribution: '' }]);
                    setAdding('');
                  }}
                  data-testid="opinion-add"
                >
                  {t('disputes.opinion.add')}
                </button>
              </span>
            </td>
            <td className="num">
              <span
                className={`opinion-total ${exact ? 'ok' : 'bad'}`}
                data-testid="opinion-total"
                data-bps={total}
                data-ok={exact ? 'true' : 'false'}
                aria-live="polite"
              >
                {t('disputes.opinion.total', { total: totalText })}
              </span>
            </td>
            <td colSpan={3}>
              {!exact && (
                <span className="total-problem" data-testid="opinion-total-error">
                  {bad
                    ? t('disputes.opinion.badShare')
                    : blank
                      ? t('disputes.opinion.blankShare')
                      : t('disputes.opinion.notHundred', { total: totalText })}
                </span>
              )}
            </td>
          </tr>
        </tfoot>
      </table>
      <label className="field opinion-text">
        <span>{t('disputes.opinion.text')}</span>
        <textarea
          value={text}
          onChange={(e) => (setText(e.target.value), setError(null))}
          rows={3}
          maxLength={2000}
          placeholder={t('disputes.opinion.textPlaceholder')}
          data-testid="opinion-text"
        />
      </label>
      <div className="row-buttons">
        <button
          type="submit"
          className="primary"
          disabled={!exact || busy}
          data-testid="opinion-submit"
          title={exact ? undefined : t('disputes.opinion.mustBeHundred')}
        >
          {t('disputes.opinion.submit')}
        </button>
        <span className="muted small">{t('disputes.opinion.next')}</span>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="opinion-error">
          {error}
        </p>
      )}
    </form>
  );
}

function RaiseOverCustomer({ onDone, onCancel, t }: { onDone(id: number): Promise<void>; onCancel(): void; t: Translate }) {
  const [customer, setCustomer] = useState<CustomerHit | null>(null);
  const [claim, setClaim] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const submit = async () => {
    if (!customer) return setError(t('disputes.raise.needCustomer'));
    if (!claim.trim()) return setError(t('disputes.raise.needClaim'));
    setBusy(true);
    const r = await api.call('dispute.raise', { customer: customer.id, claim: claim.trim() });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    await onDone(r.value.id);
  };

  return (
    <KeyboardForm className="card raise-form" testId="raise-form" onSubmit={() => void submit()} onEscape={onCancel}>
      <h2>{t('disputes.raise.title')}</h2>
      <p className="hint">{t('disputes.raise.hint')}</p>
      <CustomerSearch
        ref={field}
        value={customer}
        onChange={(c) => (setCustomer(c), setError(null))}
        label={t('disputes.raise.customer')}
        testId="raise-customer"
      />
      <label className="field">
        <span>{t('disputes.raise.claim')}</span>
        <textarea
          value={claim}
          onChange={(e) => (setClaim(e.target.value), setError(null))}
          rows={3}
          maxLength={2000}
          data-testid="raise-claim"
        />
      </label>
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={busy} data-testid="raise-submit">
          {t('disputes.raise.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('dialog.cancel')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="raise-error">
          {error}
        </p>
      )}
    </KeyboardForm>
  );
}
