/** Shown while the database has no staff: create the first team (setup.firstRun). */
import { useState } from 'react';
import type { Role, TeamMember } from '../api/types';
import { useT } from '../i18n';
import { DEMO_TEAM } from '../lib/demoTeam';
import { useSession } from '../stores/session';

const ROLE_CHOICES: readonly Role[] = ['consultant', 'front_desk', 'sales_manager', 'project_manager', 'sales_director', 'sales_assistant', 'employee', 'admin'];

const emptyRow = (): TeamMember => ({ id: '', name: '', roles: [] });

export function FirstRun() {
  const t = useT();
  const firstRun = useSession((s) => s.firstRun);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<TeamMember[]>([emptyRow(), emptyRow()]);

  const create = async (team: TeamMember[]) => {
    setBusy(true);
    setError(null);
    const r = await firstRun(team);
    setBusy(false);
    if (!r.ok) setError(r.error.message);
  };

  const update = (i: number, patch: Partial<TeamMember>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const toggleRole = (i: number, role: Role) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, roles: r.roles.includes(role) ? r.roles.filter((x) => x !== role) : [...r.roles, role] } : r)));

  return (
    <main className="first-run" data-testid="first-run">
      <h1>{t('firstRun.title')}</h1>
      <p className="lead">{t('firstRun.subtitle')}</p>

      <section className="card">
        <button type="button" className="primary big" onClick={() => create(DEMO_TEAM)} disabled={busy} autoFocus data-testid="first-run-demo">
          {t('firstRun.demo')}
        </button>
        <p className="hint">{t('firstRun.demoHint')}</p>
      </section>

      <section className="card">
        <h2>{t('firstRun.custom')}</h2>
        <p className="hint">{t('firstRun.customHint')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create(rows.filter((r) => r.id.trim() || r.name.trim()).map((r) => ({ ...r, id: r.id.trim(), name: r.name.trim() })));
          }}
        >
          <table className="team-table">
            <thead>
              <tr>
                <th>{t('firstRun.id')}</th>
                <th>{t('firstRun.name')}</th>
                <th>{t('firstRun.roles')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  <td>
                    <input value={row.id} onChange={(e) => update(i, { id: e.target.value })} placeholder={t('firstRun.idPlaceholder')} aria-label={t('firstRun.id')} />
                  </td>
                  <td>
                    <input value={row.name} onChange={(e) => update(i, { name: e.target.value })} aria-label={t('firstRun.name')} />
                  </td>
                  <td>
                    <div className="role-choices">
                      {ROLE_CHOICES.map((role) => (
                        <label key={role} className="check">
                          <input type="checkbox" checked={row.roles.includes(role)} onChange={() => toggleRole(i, role)} />
                          {t(`role.${role}`)}
                        </label>
                      ))}
                    </div>
                  </td>
                  <td>
                    <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} disabled={rows.length <= 1}>
                      {t('firstRun.removeRow')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row-buttons">
            <button type="button" onClick={() => setRows((rs) => [...rs, emptyRow()])}>
              {t('firstRun.addRow')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {t('firstRun.create')}
            </button>
          </div>
        </form>
      </section>
      {error && (
        <p className="error" role="alert" data-testid="first-run-error">
          {error}
        </p>
      )}
    </main>
  );
}
