/**
 * Deals of a month with their commission split (R-COM-1, 2): every line names its beneficiary, share,
 * exact amount and the rules it cites; a deal under dispute is marked 争议中·暂缓 (R-DIS-1).
 *
 * 登记成交: the customer is picked as you type, price and commission are typed in yuan and kept in cents
 * (string arithmetic, never floats), and the server's split is shown the moment it answers. After a deal,
 * 更名 / 换房 keep the consultant and the split (R-OWN-11); a consultant or the PM raises a dispute from
 * the deal itself. Keys: Alt+N opens the form, Enter records, Esc clears; PageUp / PageDown change month.
 * #/deals?month=2026-05&deal=12 (dealHref) opens that month with deal 12 shown and marked.
 */
import { useEffect, useRef, useState } from 'react';
import { api, type ApiErrorBody } from '../api/client';
import { useApi } from '../api/useApi';
import type { CompanyMode, CustomerHit, CustomerPage, DealRow, DealSplitView, StaffMember } from '../api/types';
import { CustomerSearch } from '../components/CustomerSearch';
import { ownershipText } from '../components/customer-words';
import { InlineDialog } from '../components/InlineDialog';
import { MonthPicker, useMonthLabel } from '../components/MonthPicker';
import { SplitBadges, SplitLines } from '../components/SplitLines';
import { formatDay, type Translate, useT } from '../i18n';
import { can } from '../../src/api/spec';
import { formatYuan, type Parsed, parseYuan } from '../lib/money';
import { useOfficeMonth } from '../lib/officeMonth';
import { useRouteQuery } from '../lib/route';
import { useSession } from '../stores/session';
import '../styles/money.css';
import { KeyboardForm } from '../components/KeyboardForm';
import { errorText } from '../i18n/reasons';

const COMPANY_MODES: readonly CompanyMode[] = ['introduced', 'direct_consultant_aftersales', 'direct_other_aftersales'];

/** Why a typed amount was refused, in the reader's language. */
export function moneyProblem(t: Translate, p: Parsed, what: string): string | null {
  if (p.ok) return null;
  return t(`money.${p.why}`, { what });
}

export function Deals() {
  const t = useT();
  const me = useSession((s) => s.me);
  const officeMonth = useOfficeMonth();
  const monthLabel = useMonthLabel();
  const askedMonth = useRouteQuery('month');
  const askedDeal = Number(useRouteQuery('deal')) || null;
  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? (/^\d{4}-\d{2}$/.test(askedMonth) ? askedMonth : officeMonth);
  const [formOpen, setFormOpen] = useState(true);
  const recorder = can(me, 'deal.close');
  // Re-read when a deal is closed or changed, or a dispute holds or decides one, at any terminal.
  const list = useApi('deal.list', { month: month ?? '' }, { enabled: !!month && can(me, 'deal.list'), areas: ['deals', 'disputes'] });
  const deals: DealRow[] | null = list.data ?? null;
  const loadError = list.error ? errorText(list.error) : null;
  const load = list.reload;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'n' || e.key === 'N') && recorder) {
        e.preventDefault();
        setFormOpen(true);
        setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="deal-customer"]')?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [recorder]);

  if (!can(me, 'deal.list')) {
    return (
      <main className="money-screen" data-testid="deals">
        <p className="card muted">{t('deals.notAllowed')}</p>
      </main>
    );
  }

  const total = (deals ?? []).reduce((a, d) => a + d.commission, 0);

  return (
    <main className={`money-screen deals-screen${recorder && formOpen ? ' with-form' : ''}`} data-testid="deals">
      <div className="screen-title">
        <h1>{t('deals.title')}</h1>
        {month && <MonthPicker month={month} onChange={setChosen} testId="deals-month" />}
        {deals && (
          <span className="muted" data-testid="deals-summary">
            {t('deals.summary', { count: deals.length, total: formatYuan(total) })}
          </span>
        )}
        {recorder && !formOpen && (
          <button
            type="button"
            className="primary title-action"
            onClick={() => setFormOpen(true)}
            data-testid="deal-form-open"
            title="Alt+N"
          >
            {t('deals.form.open')} <kbd>Alt+N</kbd>
          </button>
        )}
      </div>
      <div className="deals-layout">
        <section className="deals-list" aria-label={month ? monthLabel(month) : undefined}>
          {loadError && (
            <p className="error" role="alert" data-testid="deals-error">
              {loadError}
            </p>
          )}
          {deals === null && !loadError && <p className="muted">{t('deals.loading')}</p>}
          {deals?.length === 0 && (
            <p className="card muted empty-note" data-testid="deals-empty">
              {t('deals.empty', { month: month ? monthLabel(month) : '' })}
            </p>
          )}
          {deals?.map((d) => (
            <DealCard key={d.id} deal={d} onChanged={load} shown={d.id === askedDeal} t={t} />
          ))}
        </section>
        {recorder && formOpen && <CloseDealForm onClosed={load} onHide={() => setFormOpen(false)} t={t} />}
      </div>
    </main>
  );
}

type DealAction = 'change' | 'dispute' | null;

function DealCard({ deal, onChanged, shown, t }: { deal: DealRow; onChanged(): void; shown: boolean; t: Translate }) {
  const me = useSession((s) => s.me);
  const card = useRef<HTMLElement>(null);
  // the deal a link asked for (dealHref) is scrolled to once its card is there
  useEffect(() => {
    if (shown) card.current?.scrollIntoView({ block: 'center' });
  }, [shown]);
  const [action, setAction] = useState<DealAction>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<{ text: string; link?: string; testId: string } | null>(null);
  const [buyer, setBuyer] = useState('');
  const [unit, setUnit] = useState('');
  const split = deal.split;
  const canChange = can(me, 'deal.close');
  const canRaise = can(me, 'dispute.raise') && !split.held;

  const open = (a: DealAction) => {
    setAction(a);
    setError(null);
    setBuyer('');
    setUnit('');
  };

  const change = async () => {
    const buyerName = buyer.trim();
    const newUnit = unit.trim();
    if (!buyerName && !newUnit) return setError(t('deals.change.needOne'));
    setBusy(true);
    const r = await api.call('deal.change', { deal: deal.id, ...(buyerName ? { buyerName } : {}), ...(newUnit ? { unit: newUnit } : {}) });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    const what = [buyerName && t('deals.change.buyerIs', { name: buyerName }), newUnit && t('deals.change.unitIs', { unit: newUnit })]
      .filter(Boolean)
      .join(t('common.listSep'));
    setNote({ text: t('deals.change.done', { what }), testId: 'deal-change-done' });
    setAction(null);
    onChanged();
  };

  const raise = async (claim: string) => {
    if (!claim) return setError(t('deals.dispute.needClaim'));
    setBusy(true);
    const r = await api.call('dispute.raise', { deal: deal.id, claim });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setNote({ text: t('deals.dispute.done', { id: r.value.id }), link: `#/disputes/${r.value.id}`, testId: 'deal-dispute-done' });
    setAction(null);
    onChanged();
  };

  return (
    <article
      ref={card}
      className={`card deal-card${split.held ? ' held' : ''}${shown ? ' shown' : ''}`}
      data-testid="deal"
      data-deal={deal.id}
      data-shown={shown || undefined}
      data-held={split.held ? 'true' : 'false'}
    >
      <header className="deal-head">
        <div className="deal-title">
          <span className="deal-id">#{deal.id}</span>
          <span className="deal-customer">{deal.customerName}</span>
          <span className="deal-unit">{deal.unit}</span>
          <SplitBadges split={split} />
        </div>
        <div className="deal-figures">
          <span className="muted">{formatDay(deal.day)}</span>
          <span>
            {t('deals.price')} <b className="money">{formatYuan(deal.price)}</b>
          </span>
          <span>
            {t('deals.commission')}{' '}
            <b className="money" data-testid="deal-commission" data-cents={deal.commission}>
              {formatYuan(deal.commission)}
            </b>
          </span>
        </div>
      </header>
      {split.held && <p className="held-note">{t('deals.heldNote')}</p>}
      <SplitLines split={split} testId="deal-split" />
      {note && (
        <p className="ok-note" role="status" data-testid={note.testId}>
          {note.text}
          {note.link && (
            <>
              {' '}
              <a href={note.link}>{t('deals.dispute.view')}</a>
            </>
          )}
        </p>
      )}
      {action === null && (canChange || canRaise) && (
        <div className="deal-actions no-print">
          {canChange && (
            <button type="button" onClick={() => open('change')} data-testid="deal-change">
              {t('deals.change.button')}
            </button>
          )}
          {canRaise && (
            <button type="button" onClick={() => open('dispute')} data-testid="deal-raise-dispute">
              {t('deals.dispute.button')}
            </button>
          )}
        </div>
      )}
      {action === 'change' && (
        <InlineDialog
          question={t('deals.change.question', { id: deal.id })}
          error={error}
          busy={busy}
          onConfirm={() => void change()}
          onCancel={() => setAction(null)}
          testId="deal-change-dialog"
        >
          <p className="dialog-rule">{t('deals.change.rule')}</p>
          <label className="inline-dialog-field">
            <span>{t('deals.change.buyer')}</span>
            <input
              value={buyer}
              onChange={(e) => (setBuyer(e.target.value), setError(null))}
              maxLength={40}
              placeholder={deal.customerName}
              data-testid="deal-change-buyer"
            />
          </label>
          <label className="inline-dialog-field">
            <span>{t('deals.change.unit')}</span>
            <input
              value={unit}
              onChange={(e) => (setUnit(e.target.value), setError(null))}
              maxLength={40}
              placeholder={deal.unit}
              data-testid="deal-change-unit"
            />
          </label>
        </InlineDialog>
      )}
      {action === 'dispute' && (
        <InlineDialog
          question={t('deals.dispute.question', { id: deal.id, customer: deal.customerName, unit: deal.unit })}
          reason="required"
          reasonLabel={t('deals.dispute.claim')}
          error={error}
          busy={busy}
          onConfirm={(claim) => void raise(claim)}
          onCancel={() => setAction(null)}
          onEdit={() => setError(null)}
          testId="deal-dispute-dialog"
        >
          <p className="dialog-rule">{t('deals.dispute.rule')}</p>
        </InlineDialog>
      )}
    </article>
  );
}

interface FormErrors {
  customer?: string;
  unit?: string;
  price?: string;
  commission?: string;
  afterSales?: string;
}

/** What the customer page says about the chosen customer: who owns them, and whether they are a company client. */
interface CustomerFacts {
  customerId: number;
  /** who owns them and why, as the customer page has it (worded by ownershipText) */
  ownership: Pick<CustomerPage, 'owners' | 'why'> | null;
  company: boolean | null;
}

function CloseDealForm({ onClosed, onHide, t }: { onClosed(): void; onHide(): void; t: Translate }) {
  const me = useSession((s) => s.me);
  const staff = useSession((s) => s.staff);
  const [customer, setCustomer] = useState<CustomerHit | null>(null);
  const [unit, setUnit] = useState('');
  const [price, setPrice] = useState('');
  const [commission, setCommission] = useState('');
  const [onSpot, setOnSpot] = useState(false);
  const [companyMode, setCompanyMode] = useState<CompanyMode | ''>('');
  const [afterSales, setAfterSales] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ id: number; customer: string; unit: string; split: DealSplitView } | null>(null);
  const customerField = useRef<HTMLInputElement>(null);
  const unitField = useRef<HTMLInputElement>(null);
  const priceField = useRef<HTMLInputElement>(null);
  const commissionField = useRef<HTMLInputElement>(null);

  useEffect(() => customerField.current?.focus(), []);

  // The chosen customer's ownership and company-client status (customer.get), so the form says who the
  // commission will go to before it is recorded, and offers the company modes only where they apply. Read
  // once per choice, not on pushes: each read of another consultant's customer is an audit row (R-SEC-1).
  const got = useApi('customer.get', { customer: customer?.id ?? 0 }, { enabled: !!customer });
  const facts: CustomerFacts | null = !customer
    ? null
    : got.data
      ? {
          customerId: customer.id,
          ownership: { owners: got.data.owners, why: got.data.why },
          company: got.data.history.some((e) => e.kind === 'company'),
        }
      : got.error
        ? { customerId: customer.id, ownership: null, company: null }
        : null;

  const company = facts?.company ?? null;
  useEffect(() => {
    if (company === false) setCompanyMode('');
  }, [company]);

  const priceP = parseYuan(price);
  const commissionP = parseYuan(commission);
  const consultants = staff.filter((s: StaffMember) => s.roles.includes('consultant'));

  const validate = (): FormErrors => {
    const e: FormErrors = {};
    if (!customer) e.customer = t('deals.form.needCustomer');
    if (!unit.trim()) e.unit = t('deals.form.needUnit');
    e.price = moneyProblem(t, priceP, t('deals.form.price')) ?? undefined;
    e.commission = moneyProblem(t, commissionP, t('deals.form.commission')) ?? undefined;
    if (!e.price && !e.commission && priceP.ok && commissionP.ok && commissionP.value > priceP.value)
      e.commission = t('deals.form.commissionOverPrice');
    if (companyMode === 'direct_consultant_aftersales' && !afterSales && !me?.roles.includes('consultant'))
      e.afterSales = t('deals.form.needAfterSales');
    return Object.fromEntries(Object.entries(e).filter(([, v]) => v)) as FormErrors;
  };

  const clear = () => {
    setCustomer(null);
    setUnit('');
    setPrice('');
    setCommission('');
    setOnSpot(false);
    setCompanyMode('');
    setAfterSales('');
    setErrors({});
    setServerError(null);
    setTimeout(() => customerField.current?.focus(), 0);
  };

  const submit = async () => {
    if (busy) return;
    const e = validate();
    setErrors(e);
    setServerError(null);
    const first = e.customer ? customerField : e.unit ? unitField : e.price ? priceField : e.commission ? commissionField : null;
    if (Object.keys(e).length > 0 || !customer || !priceP.ok || !commissionP.ok) {
      first?.current?.focus();
      return;
    }
    setBusy(true);
    const r = await api.call('deal.close', {
      customer: customer.id,
      unit: unit.trim(),
      price: priceP.value,
      commission: commissionP.value,
      ...(onSpot ? { onSpot } : {}),
      ...(companyMode ? { companyMode } : {}),
      ...(companyMode === 'direct_consultant_aftersales' && afterSales ? { afterSales } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setServerError(r.error);
      return;
    }
    setResult({ id: r.value.id, customer: customer.name, unit: unit.trim(), split: r.value.split });
    clear();
    onClosed();
  };

  const preview = (p: Parsed, raw: string, error?: string) =>
    error ? (
      <span className="field-error" role="alert">
        {error}
      </span>
    ) : raw.trim() && p.ok ? (
      <span className="money-preview" data-cents={p.value}>
        = {formatYuan(p.value)}
      </span>
    ) : null;

  return (
    <aside className="deal-form-column">
      <KeyboardForm className="card deal-form" testId="deal-form" onSubmit={() => void submit()} onEscape={clear}>
        <div className="form-head">
          <h2>{t('deals.form.title')}</h2>
          <button type="button" className="quiet" onClick={onHide} aria-label={t('deals.form.hide')} title={t('deals.form.hide')}>
            ✕
          </button>
        </div>
        <CustomerSearch
          ref={customerField}
          value={customer}
          onChange={(c) => {
            setCustomer(c);
            setErrors((e) => ({ ...e, customer: undefined }));
            if (c) setTimeout(() => unitField.current?.focus(), 0);
          }}
          label={t('deals.form.customer')}
          invalid={!!errors.customer}
          testId="deal-customer"
        />
        {errors.customer && <span className="field-error">{errors.customer}</span>}
        {customer && facts?.customerId === customer.id && facts.ownership && (
          <p className="owner-preview" data-testid="deal-owner-preview" data-why={facts.ownership.why.kind}>
            {ownershipText(t, facts.ownership.owners, facts.ownership.why)}
          </p>
        )}
        <label className="field">
          <span>{t('deals.form.unit')}</span>
          <input
            ref={unitField}
            value={unit}
            onChange={(e) => (setUnit(e.target.value), setErrors((x) => ({ ...x, unit: undefined })))}
            maxLength={40}
            placeholder={t('deals.form.unitPlaceholder')}
            aria-invalid={!!errors.unit || undefined}
            data-testid="deal-unit"
          />
          {errors.unit && <span className="field-error">{errors.unit}</span>}
        </label>
        <div className="form-pair">
          <label className="field">
            <span>{t('deals.form.priceYuan')}</span>
            <input
              ref={priceField}
              value={price}
              onChange={(e) => (setPrice(e.target.value), setErrors((x) => ({ ...x, price: undefined })))}
              inputMode="decimal"
              className="money-input"
              placeholder="3,270,000.00"
              aria-invalid={!!errors.price || undefined}
              data-testid="deal-price"
            />
            {preview(priceP, price, errors.price)}
          </label>
          <label className="field">
            <span>{t('deals.form.commissionYuan')}</span>
            <input
              ref={commissionField}
              value={commission}
              onChange={(e) => (setCommission(e.target.value), setErrors((x) => ({ ...x, commission: undefined })))}
              inputMode="decimal"
              className="money-input"
              placeholder="27,000.00"
              aria-invalid={!!errors.commission || undefined}
              data-testid="deal-commission-input"
            />
            {preview(commissionP, commission, errors.commission)}
          </label>
        </div>
        <label className="check on-spot" title={t('deals.form.onSpotHint')}>
          <input type="checkbox" checked={onSpot} onChange={(e) => setOnSpot(e.target.checked)} data-testid="deal-on-spot" />
          {t('deals.form.onSpot')}
        </label>
        <label className="field">
          <span>{t('deals.form.companyMode')}</span>
          <select
            value={companyMode}
            onChange={(e) => setCompanyMode(e.target.value as CompanyMode | '')}
            disabled={company === false}
            data-testid="deal-company-mode"
          >
            <option value="">{t('deals.form.companyNone')}</option>
            {COMPANY_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`deals.company.${m}`)}
              </option>
            ))}
          </select>
          <span className="field-hint">
            {company === false ? t('deals.form.notCompany') : company ? t('deals.form.isCompany') : t('deals.form.companyHint')}
          </span>
        </label>
        {companyMode === 'direct_consultant_aftersales' && (
          <label className="field">
            <span>{t('deals.form.afterSales')}</span>
            <select
              value={afterSales}
              onChange={(e) => setAfterSales(e.target.value)}
              aria-invalid={!!errors.afterSales || undefined}
              data-testid="deal-after-sales"
            >
              <option value="">{me?.roles.includes('consultant') ? t('deals.form.afterSalesMe') : t('dialog.choose')}</option>
              {consultants.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {errors.afterSales && <span className="field-error">{errors.afterSales}</span>}
          </label>
        )}
        <div className="row-buttons">
          <button type="submit" className="primary big" disabled={busy} data-testid="deal-submit">
            {busy ? t('deals.form.submitting') : t('deals.form.submit')}
          </button>
          <button type="button" className="quiet" onClick={clear}>
            {t('deals.form.clear')}
          </button>
        </div>
        <p className="hint">{t('deals.form.keys')}</p>
        {serverError && (
          <p className="error" role="alert" data-testid="deal-form-error" data-code={serverError.code}>
            {errorText(serverError)}
          </p>
        )}
      </KeyboardForm>
      {result && (
        <section className="card close-result" data-testid="close-result" data-deal={result.id} aria-live="polite">
          <p className="result-title">{t('deals.result.title', { id: result.id })}</p>
          <p className="close-result-line">
            {result.customer} · {result.unit} · {t('deals.commission')} <b className="money">{formatYuan(result.split.commission)}</b>
          </p>
          <SplitLines split={result.split} testId="close-result-split" />
        </section>
      )}
    </aside>
  );
}
