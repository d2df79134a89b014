/**
 * Settings (#/settings):
 * - policy parameters (policy.get): the values in force, the defaults and every saved version. The sales
 *   director edits them with a reason (policy.update); a change is a new version effective from the moment
 *   it is saved, earlier events keep their version. Shares show as percentages but go to the API as the
 *   basis-point integers it uses (50% → 5000).
 * - backups (the admin and the director): the newest verified backup, the list, 立即备份, 校验账本 (the
 *   ledger chain: ok, or the first problem in words) and restore from a chosen backup after a strong
 *   confirmation (typing 恢复).
 * - how the web mode is reached (127.0.0.1 unless SALESDESK_LAN=1).
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type Output } from '../api/client';
import { useApi } from '../api/useApi';
import { InlineDialog } from '../components/InlineDialog';
import { RuleText } from '../components/RuleText';
import { formatWhen, type MessageKey, type Translate, useT } from '../i18n';
import { bpsToInput, formatBps, parsePercent } from '../lib/money';
import { can } from '../../src/api/spec';
import { useBackupStatus } from '../stores/backup';
import { staffName, useSession } from '../stores/session';
import '../styles/security.css';
import { checkText, errorText, readOnlyText } from '../i18n/reasons';

type PolicyView = Output<'policy.get'>;
type Backup = Output<'backup.list'>[number];
type Kind = 'months' | 'percent' | 'count' | 'minutes' | 'flag';

interface Param {
  key: string;
  kind: Kind;
  rule: string;
}

/** The parameters of src/domain/policy.ts, grouped as the rulebook groups them. */
const GROUPS: { title: MessageKey; params: Param[] }[] = [
  {
    title: 'policy.group.ownership',
    params: [
      { key: 'protectionMonths', kind: 'months', rule: 'R-OWN-2' },
      { key: 'identificationWindowMonths', kind: 'months', rule: 'R-OWN-8i' },
      { key: 'identifiedOriginalBps', kind: 'percent', rule: 'R-OWN-8i' },
      { key: 'householdFirstBps', kind: 'percent', rule: 'R-OWN-10' },
      { key: 'switchFirstBps', kind: 'percent', rule: 'R-OWN-13' },
    ],
  },
  {
    title: 'policy.group.referrals',
    params: [
      { key: 'referrerBps', kind: 'percent', rule: 'R-REF-5' },
      { key: 'companyIntroducedPoolBps', kind: 'percent', rule: 'R-CO-3' },
      { key: 'companyDirectConsultantPoolBps', kind: 'percent', rule: 'R-CO-4' },
      { key: 'companyDirectOtherPoolBps', kind: 'percent', rule: 'R-CO-5' },
      { key: 'companyLeadershipNamedPoolBps', kind: 'percent', rule: 'R-CO-2' },
    ],
  },
  {
    title: 'policy.group.roster',
    params: [
      { key: 'lunchDeskSize', kind: 'count', rule: 'R-ROS-11' },
      { key: 'busyHeadKeepsPlace', kind: 'flag', rule: 'R-ROS-6' },
      { key: 'designatedBusyHeadLosesTurn', kind: 'flag', rule: 'R-ROS-6' },
      { key: 'receptionLongMinutes', kind: 'minutes', rule: 'R-ROS-6' },
    ],
  },
];
const KNOWN = new Set(GROUPS.flatMap((g) => g.params.map((p) => p.key)));

/** How a value reads: 50%, 1 个月, 2 人, 是/否. */
function show(t: Translate, kind: Kind, v: unknown): string {
  if (kind === 'flag') return v ? t('policy.yes') : t('policy.no');
  if (typeof v !== 'number') return String(v);
  if (kind === 'percent') return formatBps(v);
  if (kind === 'months') return t('policy.monthsValue', { n: v });
  if (kind === 'minutes') return t('policy.minutesValue', { n: v });
  return t('policy.countValue', { n: v });
}

/** The field's text back to the API's value, or an error message. Percentages → basis points. */
function parse(t: Translate, kind: Kind, text: string | boolean): { value: number | boolean } | { error: string } {
  if (kind === 'flag') return { value: !!text };
  const s = String(text).trim();
  if (kind === 'percent') {
    const p = parsePercent(s);
    return p.ok ? { value: p.value } : { error: t('policy.badPercent') };
  }
  const bad = kind === 'months' ? 'policy.badMonths' : kind === 'minutes' ? 'policy.badMinutes' : 'policy.badCount';
  if (!/^\d{1,3}$/.test(s)) return { error: t(bad) };
  const n = Number(s);
  if (kind === 'minutes' && (n < 15 || n > 720)) return { error: t('policy.badMinutes') };
  if (kind === 'months' && n < 1) return { error: t('policy.badMonths') };
  return { value: n };
}

const fieldText = (kind: Kind, v: unknown): string | boolean =>
  kind === 'flag' ? !!v : kind === 'percent' && typeof v === 'number' ? bpsToInput(v) : String(v);

const kindOf = (key: string, v: unknown): Kind =>
  GROUPS.flatMap((g) => g.params).find((p) => p.key === key)?.kind ?? (typeof v === 'boolean' ? 'flag' : 'count');

/** A parameter's name in the reader's language; an unknown (newer) one by its key. */
const paramLabel = (t: Translate, key: string): string => (KNOWN.has(key) ? t(`policy.param.${key}` as MessageKey) : key);

export function Settings() {
  const t = useT();
  const me = useSession((s) => s.me);
  return (
    <main className="sec-screen settings-screen" data-testid="settings-screen">
      <div className="screen-title">
        <h1>{t('settings.title')}</h1>
      </div>
      {can(me, 'policy.get') && <PolicyPanel editable={can(me, 'policy.update')} t={t} />}
      {can(me, 'backup.list') && <BackupPanel t={t} />}
      <AccessNote t={t} />
    </main>
  );
}

/* ---------------------------------------------------------------- policy */

function PolicyPanel({ editable, t }: { editable: boolean; t: Translate }) {
  const staff = useSession((s) => s.staff);
  const [draft, setDraft] = useState<Record<string, string | boolean>>({});
  const [reason, setReason] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Re-read when the policy changes here or at another terminal (a restore too).
  const policy = useApi('policy.get', {}, { areas: ['policy'] });
  const view: PolicyView | null = policy.data ?? null;
  // A failed re-read after the policy was shown keeps it (the next change reads again).
  const error = view || !policy.error ? null : errorText(policy.error);
  // The fields start from the policy in force, and start again from it whenever another answer comes (a
  // saved change here or elsewhere); an equal answer keeps the same object, so typing is not undone by it.
  const [draftOf, setDraftOf] = useState<PolicyView | null>(null);
  if (view && draftOf !== view) {
    setDraftOf(view);
    setDraft(Object.fromEntries(Object.entries(view.current).map(([k, v]) => [k, fieldText(kindOf(k, v), v)])));
  }

  const current = view?.current as Record<string, unknown> | undefined;
  const keys = useMemo(
    () =>
      current
        ? [
            ...GROUPS.flatMap((g) => g.params.map((p) => p.key)).filter((k) => k in current),
            ...Object.keys(current).filter((k) => !KNOWN.has(k)),
          ]
        : [],
    [current],
  );

  const parsed = useMemo(() => {
    const out: Record<string, ReturnType<typeof parse>> = {};
    for (const k of keys) if (k in draft) out[k] = parse(t, kindOf(k, current?.[k]), draft[k]!);
    return out;
  }, [keys, draft, current, t]);
  const changes = useMemo(() => {
    const out: Record<string, number | boolean> = {};
    for (const [k, p] of Object.entries(parsed)) if ('value' in p && p.value !== current?.[k]) out[k] = p.value;
    return out;
  }, [parsed, current]);
  const invalid = Object.values(parsed).some((p) => 'error' in p);
  const changed = Object.keys(changes);

  const save = async () => {
    if (busy) return;
    if (!reason.trim()) return setSaveError(t('policy.reasonRequired'));
    setBusy(true);
    const r = await api.call('policy.update', { changes, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return setSaveError(errorText(r.error));
    setSaveError(null);
    setReason('');
    setSaved(t('policy.saved', { when: formatWhen(r.value.effectiveAt), count: changed.length }));
    policy.reload();
  };

  if (error)
    return (
      <section className="card" data-testid="policy-panel">
        <h2>{t('policy.title')}</h2>
        <p className="error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!view || !current)
    return (
      <section className="card" data-testid="policy-panel">
        <h2>{t('policy.title')}</h2>
        <p className="muted">{t('settings.loading')}</p>
      </section>
    );

  const defaults = view.defaults as Record<string, unknown>;
  const latest = view.versions[0];
  const extra = keys.filter((k) => !KNOWN.has(k));
  const groups = [
    ...GROUPS.map((g) => ({ title: t(g.title), params: g.params.filter((p) => p.key in current) })),
    ...(extra.length
      ? [{ title: t('policy.group.other'), params: extra.map((k) => ({ key: k, kind: kindOf(k, current[k]), rule: '' })) }]
      : []),
  ];

  return (
    <section className="card" data-testid="policy-panel" data-version={latest?.id ?? 0}>
      <div className="card-head">
        <h2>{t('policy.title')}</h2>
        <span className="muted small" data-testid="policy-in-force">
          {latest ? t('policy.inForceSince', { when: formatWhen(latest.effectiveAt), id: latest.id }) : t('policy.allDefaults')}
        </span>
      </div>
      <p className="muted small policy-lead">{editable ? t('policy.leadEditor') : t('policy.leadReader')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (changed.length && !invalid) void save();
        }}
        noValidate
      >
        <table className="sec-table policy-table">
          <thead>
            <tr>
              <th>{t('policy.col.param')}</th>
              <th className="num">{t('policy.col.current')}</th>
              <th className="num">{t('policy.col.default')}</th>
              {editable && <th>{t('policy.col.new')}</th>}
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.title}>
              <tr className="group-row">
                <th colSpan={editable ? 4 : 3}>{g.title}</th>
              </tr>
              {g.params.map((p) => {
                const v = current[p.key];
                const res = parsed[p.key];
                const isChanged = p.key in changes;
                return (
                  <tr key={p.key} className={isChanged ? 'changed' : ''} data-testid="policy-row" data-key={p.key} data-value={String(v)}>
                    <td>
                      <span className="param-name">{paramLabel(t, p.key)}</span>
                      {p.rule && (
                        <span className="muted small">
                          {' '}
                          <RuleText text={p.rule} />
                        </span>
                      )}
                    </td>
                    <td
                      className={`num${p.key in defaults && defaults[p.key] !== v ? ' differs' : ''}`}
                      data-testid="policy-current"
                      title={p.key in defaults && defaults[p.key] !== v ? t('policy.notDefault') : undefined}
                    >
                      {show(t, p.kind, v)}
                    </td>
                    <td className="num muted">{p.key in defaults ? show(t, p.kind, defaults[p.key]) : '—'}</td>
                    {editable && (
                      <td className="policy-input">
                        {p.kind === 'flag' ? (
                          <label className="check">
                            <input
                              type="checkbox"
                              checked={!!draft[p.key]}
                              onChange={(e) => setDraft((d) => ({ ...d, [p.key]: e.target.checked }))}
                              data-testid={`policy-input-${p.key}`}
                            />
                            {draft[p.key] ? t('policy.yes') : t('policy.no')}
                          </label>
                        ) : (
                          <span className="with-unit">
                            <input
                              value={String(draft[p.key] ?? '')}
                              onChange={(e) => {
                                setDraft((d) => ({ ...d, [p.key]: e.target.value }));
                                setSaved(null);
                                setSaveError(null);
                              }}
                              inputMode="decimal"
                              aria-label={paramLabel(t, p.key)}
                              aria-invalid={res && 'error' in res ? true : undefined}
                              data-testid={`policy-input-${p.key}`}
                            />
                            <span className="unit">
                              {p.kind === 'percent' ? '%' : p.kind === 'months' ? t('policy.monthsUnit') : t('policy.countUnit')}
                            </span>
                          </span>
                        )}
                        {res && 'error' in res && <span className="field-error">{res.error}</span>}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>

        {editable && (changed.length > 0 || invalid) && (
          <div className="policy-save" data-testid="policy-save">
            <p className="policy-summary" data-testid="policy-summary">
              {t('policy.summary', { count: changed.length })}
              {changed.map((k) => (
                <span key={k} className="policy-change">
                  {paramLabel(t, k)}
                  {t('common.colon')}
                  {show(t, kindOf(k, current[k]), current[k])} → <strong>{show(t, kindOf(k, current[k]), changes[k])}</strong>
                </span>
              ))}
            </p>
            <div className="policy-save-row">
              <label className="inline-dialog-reason">
                <span>{t('policy.reason')}</span>
                <input
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    setSaveError(null);
                  }}
                  maxLength={500}
                  data-testid="policy-reason"
                />
              </label>
              <button type="submit" className="primary" disabled={busy || invalid || changed.length === 0} data-testid="policy-submit">
                {t('policy.submit')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setDraft(Object.fromEntries(Object.entries(current).map(([k, v]) => [k, fieldText(kindOf(k, v), v)])));
                  setSaveError(null);
                }}
                data-testid="policy-reset"
              >
                {t('policy.undo')}
              </button>
            </div>
            <p className="hint">{t('policy.effectiveNote')}</p>
          </div>
        )}
        {saveError && (
          <p className="error" role="alert" data-testid="policy-error">
            {saveError}
          </p>
        )}
        {saved && (
          <p className="done" role="status" data-testid="policy-saved">
            {saved}
          </p>
        )}
      </form>

      <h3 className="versions-title">{t('policy.versions')}</h3>
      <VersionHistory view={view} staffName={(id) => staffName(staff, id)} t={t} />
    </section>
  );
}

/** Each version with what it changed from the one before (the first from the defaults). */
function VersionHistory({ view, staffName: nameOf, t }: { view: PolicyView; staffName(id: string): string; t: Translate }) {
  const defaults = view.defaults as Record<string, unknown>;
  const oldestFirst = [...view.versions].reverse();
  let before: Record<string, unknown> = defaults;
  const rows = oldestFirst.map((v) => {
    // a version may hold only its overrides (the scenario replayer's); the rest are the defaults
    const full = { ...defaults, ...v.params };
    const diff = Object.keys(full).filter((k) => full[k] !== before[k]);
    const row = { v, diff, before };
    before = full;
    return row;
  });
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="policy-versions-none">
        {t('policy.noVersions')}
      </p>
    );
  return (
    <ol className="policy-versions" data-testid="policy-versions">
      {rows.reverse().map(({ v, diff, before: prev }) => (
        <li key={v.id} data-testid="policy-version" data-version={v.id}>
          <span className="version-when">{formatWhen(v.effectiveAt)}</span>
          <span className="version-who">{v.createdBy ? nameOf(v.createdBy) : t('policy.bySetup')}</span>
          <span className="version-what">
            {diff.length === 0
              ? t('policy.noChange')
              : diff.map((k) => {
                  const kind = kindOf(k, v.params[k] ?? defaults[k]);
                  return (
                    <span key={k} className="policy-change">
                      {paramLabel(t, k)}
                      {t('common.colon')}
                      {show(t, kind, prev[k])} → {show(t, kind, (v.params as Record<string, unknown>)[k] ?? defaults[k])}
                    </span>
                  );
                })}
          </span>
        </li>
      ))}
    </ol>
  );
}

/* ---------------------------------------------------------------- backups */

const REASONS = ['daily', 'start', 'manual', 'quit', 'before-restore'] as const;
const reasonLabel = (t: Translate, r: string) =>
  (REASONS as readonly string[]).includes(r) ? t(`backups.reason.${r as (typeof REASONS)[number]}`) : r;
const rowsOf = (b: Backup) => Object.values(b.counts ?? {}).reduce((a, n) => a + n, 0);

function BackupPanel({ t }: { t: Translate }) {
  const status = useBackupStatus((s) => s.status);
  const refreshStatus = useBackupStatus((s) => s.refresh);
  const [busy, setBusy] = useState<'now' | 'verify' | 'restore' | 'remove' | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; testId: string } | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Backup | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  // Re-read when a backup is made, verified, removed or restored, here or by the daily schedule's terminal.
  const backups = useApi('backup.list', {}, { areas: ['backups'] });
  const list: Backup[] | null = backups.data ?? null;
  const listError = backups.error ? errorText(backups.error) : null;
  const load = backups.reload;

  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  const backupNow = async () => {
    setBusy('now');
    setOutcome(null);
    const r = await api.call('backup.now', {});
    setBusy(null);
    setOutcome(
      r.ok
        ? { ok: true, text: t('backups.nowDone', { file: r.value.file, rows: r.value.ledgerRows }), testId: 'backup-now-done' }
        : { ok: false, text: errorText(r.error), testId: 'backup-now-error' },
    );
    load();
    await refreshStatus();
  };

  const verify = async () => {
    setBusy('verify');
    setOutcome(null);
    const r = await api.call('backup.verify', {});
    setBusy(null);
    if (!r.ok) return setOutcome({ ok: false, text: errorText(r.error), testId: 'verify-result' });
    const first = r.value.problems[0];
    setOutcome(
      r.value.ok || !first
        ? { ok: true, text: t('backups.verifyOk', { rows: r.value.rows }), testId: 'verify-result' }
        : {
            ok: false,
            text: t('backups.verifyProblem', { count: r.value.problems.length, message: checkText(first) }),
            testId: 'verify-result',
          },
    );
  };

  const restore = async (b: Backup, typed: string) => {
    if (typed !== t('backups.restoreWord')) return setRestoreError(t('backups.restoreTypeWord', { word: t('backups.restoreWord') }));
    setBusy('restore');
    const r = await api.call('backup.restore', { file: b.file });
    setBusy(null);
    if (!r.ok) return setRestoreError(errorText(r.error));
    setRestoring(null);
    setRestoreError(null);
    setOutcome({
      ok: r.value.ok,
      text: r.value.safetyCopy
        ? t('backups.restored', { file: r.value.restored, safety: r.value.safetyCopy })
        : t('backups.restoredNoCopy', { file: r.value.restored }),
      testId: 'restore-done',
    });
    // Everything may differ now: the people, the acting person's roles, the backups.
    load();
    await Promise.all([refreshStatus(), useSession.getState().load()]);
  };

  // manual and pre-restore copies are never rotated away: a person removes them here
  const remove = async (b: Backup) => {
    setBusy('remove');
    const r = await api.call('backup.remove', { file: b.file });
    setBusy(null);
    if (!r.ok) return setRemoveError(errorText(r.error));
    setRemoving(null);
    setRemoveError(null);
    setOutcome({ ok: true, text: t('backups.removed', { file: r.value.removed }), testId: 'backup-removed' });
    load();
    await refreshStatus();
  };

  const last = status?.lastGood ?? null;

  return (
    <section className="card" data-testid="backup-panel">
      <div className="card-head">
        <h2>{t('backups.title')}</h2>
        <div className="card-actions">
          <button type="button" className="primary" onClick={() => void backupNow()} disabled={busy !== null} data-testid="backup-now">
            {busy === 'now' ? t('backups.working') : t('backups.now')}
          </button>
          <button type="button" onClick={() => void verify()} disabled={busy !== null} data-testid="backup-verify">
            {busy === 'verify' ? t('backups.working') : t('backups.verify')}
          </button>
        </div>
      </div>
      <div
        className={`backup-status${status?.stale ? ' stale' : ''}`}
        data-testid="backup-last"
        data-stale={status?.stale ? 'true' : 'false'}
      >
        {last ? (
          <span>
            {t('backups.lastGood')} <strong>{formatWhen(last.at)}</strong>
            <span className="muted small">
              {' '}
              · {last.file} · {(last.ageHours ?? 0) < 1 ? t('backups.justNow') : t('backups.ageHours', { hours: last.ageHours ?? 0 })}
            </span>
          </span>
        ) : (
          <span>{status && !status.persistent ? t('backups.inMemory') : t('backups.noneYet')}</span>
        )}
        {status?.stale && last && <span className="badge warn-badge">{t('backups.staleBadge')}</span>}
      </div>
      {status?.readOnly && (
        <p className="safety-banner read-only" role="alert" data-testid="settings-readonly">
          {readOnlyText(t, status.readOnly)}
        </p>
      )}
      {outcome && (
        <p
          className={outcome.ok ? 'done' : 'error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid={outcome.testId}
          data-ok={outcome.ok ? 'true' : 'false'}
        >
          {outcome.text}
        </p>
      )}

      <h3 className="versions-title">{t('backups.listTitle')}</h3>
      {listError && (
        <p className="error" role="alert">
          {listError}
        </p>
      )}
      {list && list.length === 0 && (
        <p className="muted" data-testid="backup-list-empty">
          {t('backups.listEmpty')}
        </p>
      )}
      {list && list.length > 0 && (
        <table className="sec-table backup-table" data-testid="backup-list">
          <thead>
            <tr>
              <th>{t('backups.col.at')}</th>
              <th>{t('backups.col.file')}</th>
              <th>{t('backups.col.reason')}</th>
              <th className="num">{t('backups.col.rows')}</th>
              <th className="actions-col" />
            </tr>
          </thead>
          <tbody>
            {list.map((b, i) => (
              <BackupRow
                key={b.file}
                b={b}
                removable={i > 0}
                removing={removing?.file === b.file}
                removeError={removing?.file === b.file ? removeError : null}
                onRemove={() => {
                  setRemoving(removing?.file === b.file ? null : b);
                  setRestoring(null);
                  setRemoveError(null);
                }}
                onRemoveConfirm={() => void remove(b)}
                restoring={restoring?.file === b.file}
                busy={busy === 'restore' || busy === 'remove'}
                error={restoring?.file === b.file ? restoreError : null}
                onRestore={() => {
                  setRestoring(restoring?.file === b.file ? null : b);
                  setRemoving(null);
                  setRestoreError(null);
                }}
                onCancel={() => {
                  setRestoring(null);
                  setRemoving(null);
                }}
                onConfirm={(typed) => void restore(b, typed)}
                onEdit={() => setRestoreError(null)}
                t={t}
              />
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t('backups.rotation')}</p>
    </section>
  );
}

interface BackupRowProps {
  b: Backup;
  /** every backup but the newest verified one, which restore trusts */
  removable: boolean;
  removing: boolean;
  removeError: string | null;
  onRemove(): void;
  onRemoveConfirm(): void;
  restoring: boolean;
  busy: boolean;
  error: string | null;
  onRestore(): void;
  onCancel(): void;
  onConfirm(typed: string): void;
  onEdit(): void;
  t: Translate;
}

function BackupRow({
  b,
  removable,
  removing,
  removeError,
  onRemove,
  onRemoveConfirm,
  restoring,
  busy,
  error,
  onRestore,
  onCancel,
  onConfirm,
  onEdit,
  t,
}: BackupRowProps) {
  return (
    <>
      <tr data-testid="backup-row" data-file={b.file} className={restoring ? 'editing' : ''}>
        <td>{formatWhen(b.at)}</td>
        <td className="mono">{b.file}</td>
        <td>{reasonLabel(t, b.reason)}</td>
        <td className="num">{rowsOf(b)}</td>
        <td className="actions-col">
          <button type="button" className="danger" onClick={onRestore} data-testid="backup-restore">
            {t('backups.restore')}
          </button>
          {removable && (
            <button type="button" onClick={onRemove} data-testid="backup-remove">
              {t('backups.remove')}
            </button>
          )}
        </td>
      </tr>
      {removing && (
        <tr className="staff-dialog-row">
          <td colSpan={5}>
            <InlineDialog
              question={t('backups.removeQuestion', { file: b.file })}
              busy={busy}
              error={removeError}
              onConfirm={onRemoveConfirm}
              onCancel={onCancel}
              testId="remove-dialog"
            />
          </td>
        </tr>
      )}
      {restoring && (
        <tr className="staff-dialog-row">
          <td colSpan={5}>
            <div className="restore-warning" data-testid="restore-warning">
              <strong>{t('backups.restoreWarnTitle')}</strong> {t('backups.restoreWarn', { when: formatWhen(b.at) })}
            </div>
            <InlineDialog
              question={t('backups.restoreQuestion', { file: b.file })}
              reason="required"
              reasonLabel={t('backups.restoreTypeWord', { word: t('backups.restoreWord') })}
              busy={busy}
              error={error}
              onConfirm={onConfirm}
              onCancel={onCancel}
              onEdit={onEdit}
              testId="restore-dialog"
            />
          </td>
        </tr>
      )}
    </>
  );
}

/* ---------------------------------------------------------------- access */

function AccessNote({ t }: { t: Translate }) {
  return (
    <section className="card access-note" data-testid="access-note">
      <h2>{t('access.title')}</h2>
      <p>{api.transport === 'http' ? t('access.webHere') : t('access.desktopHere')}</p>
      <p>
        {t('access.web')} <code>SALESDESK_LAN=1</code> {t('access.webLan')}
      </p>
      <p className="muted small">{t('access.idle')}</p>
    </section>
  );
}
