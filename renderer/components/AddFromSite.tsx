/**
 * The staff screen's "从其他项目添加" (issue 16 item 4): a colleague who already works at another site of the office
 * group is added here with the same id, name and PIN (staff.addFromSite), with roles of this site. Pick the site,
 * the person (staff.otherSites: active there, not yet here), the roles; Enter adds, Esc closes. The server decides
 * every refusal; its reason shows in place.
 */
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import type { Role } from '../api/types';
import type { Translate } from '../i18n';
import { errorText } from '../i18n/reasons';
import { KeyboardForm } from './KeyboardForm';
import { RoleChecks, toggled } from './RoleChecks';

export function AddFromSite({ t, onAdded, onClose }: { t: Translate; onAdded(id: string, text: string): void; onClose(): void }) {
  const offered = useApi('staff.otherSites', {}, { areas: ['staff'] });
  const [site, setSite] = useState('');
  const [id, setId] = useState('');
  const [roles, setRoles] = useState<Role[]>(['consultant']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const siteField = useRef<HTMLSelectElement>(null);

  const sites = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of offered.data ?? []) if (!seen.has(p.site.code)) seen.set(p.site.code, p.site.name ?? p.site.code);
    return [...seen].map(([code, name]) => ({ code, name }));
  }, [offered.data]);
  const people = (offered.data ?? []).filter((p) => p.site.code === site);

  useEffect(() => {
    if (!site && sites[0]) setSite(sites[0].code);
  }, [site, sites]);
  useEffect(() => siteField.current?.focus(), [offered.data !== undefined]);

  // a select does not submit its form on Enter by itself: here it does, as every field of the desk's forms
  const enterSubmits = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void submit();
  };
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setError(null);
      set(v);
    };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await api.call('staff.addFromSite', { site, id, roles });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setError(null);
    setId('');
    setRoles(['consultant']);
    const from = sites.find((s) => s.code === r.value.from)?.name ?? r.value.from;
    onAdded(r.value.id, t('staff.fromSiteAdded', { name: r.value.name, id: r.value.id, site: from }));
  };

  return (
    <section className="card staff-add" data-testid="staff-from-site">
      <h2>{t('staff.fromSiteTitle')}</h2>
      {offered.error && (
        <p className="error" role="alert">
          {errorText(offered.error)}
        </p>
      )}
      {offered.data && offered.data.length === 0 && <p className="muted">{t('staff.fromSiteNone')}</p>}
      <KeyboardForm onSubmit={() => void submit()} onEscape={onClose}>
        <div className="staff-add-fields">
          <label className="field">
            <span>{t('staff.fromSiteSite')}</span>
            <select
              ref={siteField}
              value={site}
              onChange={(e) => {
                edited(setSite)(e.target.value);
                setId('');
              }}
              onKeyDown={enterSubmits}
              data-testid="staff-from-site-site"
            >
              {sites.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('staff.fromSitePerson')}</span>
            <select
              value={id}
              onChange={(e) => edited(setId)(e.target.value)}
              onKeyDown={enterSubmits}
              data-testid="staff-from-site-person"
            >
              <option value="">{t('staff.fromSitePick')}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id} disabled={p.idTaken}>
                  {p.idTaken
                    ? t('staff.fromSiteIdTaken', { name: p.name, id: p.id })
                    : t('staff.fromSiteOption', { name: p.name, id: p.id })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="field staff-add-roles">
          <span>{t('staff.rolesHere')}</span>
          <RoleChecks roles={roles} onToggle={(r) => edited(setRoles)(toggled(roles, r))} testPrefix="staff-from-site-role" t={t} />
        </div>
        <div className="row-buttons">
          <button type="submit" className="primary" disabled={busy} data-testid="staff-from-site-submit">
            {t('staff.add')}
          </button>
          <button type="button" onClick={onClose} data-testid="staff-from-site-close">
            {t('staff.addClose')}
          </button>
          <span className="hint">{t('staff.fromSiteHint')}</span>
        </div>
        {error && (
          <p className="error" role="alert" data-testid="staff-from-site-error">
            {error}
          </p>
        )}
      </KeyboardForm>
    </section>
  );
}
