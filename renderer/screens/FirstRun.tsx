/**
 * Shown while the database has no staff: create the first team (setup.firstRun). There is no default
 * password: the demo team gets the demo PINs (the same as `salesdesk demo` prints), shown on screen once it
 * is created and clearly labelled 示例; the own-team form asks each person's PIN (required for the admin
 * and the sales director, 4–8 digits).
 */
import { useRef, useState } from 'react';
import type { Role, TeamMember } from '../api/types';
import { useT } from '../i18n';
import { DEMO_TEAM } from '../lib/demoTeam';
import { holds, PIN_PATTERN, STAFF_ADMINS } from '../../src/api/spec';
import { ROLE_CHOICES } from '../lib/roles';
import { useSession } from '../stores/session';
import { SitePicker } from '../components/SitePicker';
import '../styles/security.css';
import { errorText } from '../i18n/reasons';

type Row = { id: string; name: string; roles: Role[]; pin: string };

const emptyRow = (): Row => ({ id: '', name: '', roles: [], pin: '' });
// the service refuses a setup whose staff admins lack a PIN (setup_admin_pin_required): the form asks by the same list
const needsPin = (roles: readonly Role[]) => holds({ roles }, STAFF_ADMINS);
const PIN_OK = PIN_PATTERN;

export function FirstRun() {
  const t = useT();
  const firstRun = useSession((s) => s.firstRun);
  const load = useSession((s) => s.load);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([emptyRow(), emptyRow()]);
  const [demoCreated, setDemoCreated] = useState(false);
  const [missingPin, setMissingPin] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const create = async (team: TeamMember[], demo: boolean) => {
    setBusy(true);
    setError(null);
    const r = await firstRun(team);
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    // The demo's PINs stay on screen until the people have seen them; an own team starts at once.
    if (demo) setDemoCreated(true);
    else await load();
  };

  const submitOwn = () => {
    const filled = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.id.trim() || r.name.trim());
    // The server says so too; asking here points at the row.
    const missing = filled.find(({ r }) => (needsPin(r.roles) && !r.pin) || (r.pin && !PIN_OK.test(r.pin)));
    if (missing) {
      setMissingPin(missing.i);
      setError(missing.r.pin ? t('firstRun.pinFormat') : t('firstRun.pinRequired', { name: missing.r.name.trim() || missing.r.id.trim() }));
      form.current?.querySelector<HTMLInputElement>(`[data-testid="first-run-pin-${missing.i}"]`)?.focus();
      return;
    }
    setMissingPin(null);
    void create(
      filled.map(({ r }) => ({ id: r.id.trim(), name: r.name.trim(), roles: r.roles, ...(r.pin ? { pin: r.pin } : {}) })),
      false,
    );
  };

  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const toggleRole = (i: number, role: Role) =>
    setRows((rs) =>
      rs.map((r, j) => (j === i ? { ...r, roles: r.roles.includes(role) ? r.roles.filter((x) => x !== role) : [...r.roles, role] } : r)),
    );

  if (demoCreated) {
    return (
      <main className="first-run" data-testid="first-run">
        <section className="card demo-pins" data-testid="first-run-pins">
          <div className="card-head">
            <h1>{t('firstRun.demoCreated')}</h1>
            <span className="badge example-badge">{t('firstRun.example')}</span>
          </div>
          <p className="lead">{t('firstRun.demoPinsLead')}</p>
          <table className="sec-table demo-pin-table">
            <thead>
              <tr>
                <th>{t('firstRun.name')}</th>
                <th>{t('firstRun.roles')}</th>
                <th>{t('firstRun.pinExample')}</th>
              </tr>
            </thead>
            <tbody>
              {DEMO_TEAM.map((m) => (
                <tr key={m.id} data-testid="first-run-pin-row" data-staff={m.id}>
                  <td className="staff-name">{m.name}</td>
                  <td>{m.roles.map((r) => t(`role.${r}`)).join(t('common.listSep'))}</td>
                  <td className="mono pin-example">{m.pin}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="warn demo-warning">{t('firstRun.demoPinsWarning')}</p>
          <div className="row-buttons">
            <button type="button" className="primary big" onClick={() => void load()} autoFocus data-testid="first-run-continue">
              {t('firstRun.continue')}
            </button>
          </div>
        </section>
      </main>
    );
  }

  return (
    <main className="first-run" data-testid="first-run">
      <h1>{t('firstRun.title')}</h1>
      <p className="lead">{t('firstRun.subtitle')}</p>
      {/* a new site of an office group is set up from a terminal that chose it; another site can be chosen here */}
      <SitePicker />

      <section className="card">
        <button
          type="button"
          className="primary big"
          onClick={() => void create(DEMO_TEAM, true)}
          disabled={busy}
          autoFocus
          data-testid="first-run-demo"
        >
          {t('firstRun.demo')}
        </button>
        <p className="hint">{t('firstRun.demoHint', demoNames(t('common.listSep')))}</p>
        <p className="hint">{t('firstRun.demoPinsHint')}</p>
      </section>

      <section className="card">
        <h2>{t('firstRun.custom')}</h2>
        <p className="hint">{t('firstRun.customHint')}</p>
        <p className="hint">{t('firstRun.pinHint')}</p>
        <form
          ref={form}
          onSubmit={(e) => {
            e.preventDefault();
            submitOwn();
          }}
          noValidate
        >
          <table className="team-table">
            <thead>
              <tr>
                <th>{t('firstRun.id')}</th>
                <th>{t('firstRun.name')}</th>
                <th>{t('firstRun.pin')}</th>
                <th>{t('firstRun.roles')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} data-testid="first-run-row">
                  <td>
                    <input
                      value={row.id}
                      onChange={(e) => update(i, { id: e.target.value })}
                      placeholder={t('firstRun.idPlaceholder')}
                      aria-label={t('firstRun.id')}
                    />
                  </td>
                  <td>
                    <input value={row.name} onChange={(e) => update(i, { name: e.target.value })} aria-label={t('firstRun.name')} />
                  </td>
                  <td>
                    <input
                      type="password"
                      inputMode="numeric"
                      autoComplete="new-password"
                      value={row.pin}
                      onChange={(e) => {
                        update(i, { pin: e.target.value.replace(/\D/g, '').slice(0, 8) });
                        if (missingPin === i) setMissingPin(null);
                      }}
                      placeholder={needsPin(row.roles) ? t('firstRun.pinRequiredPlaceholder') : t('firstRun.pinOptionalPlaceholder')}
                      aria-label={t('firstRun.pin')}
                      aria-invalid={missingPin === i ? true : undefined}
                      data-testid={`first-run-pin-${i}`}
                    />
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

/** Who the demo team is, by role: names are data (lib/demoTeam), the sentence is the dictionary's. */
function demoNames(sep: string): Record<'director' | 'manager' | 'pm' | 'desk' | 'consultants', string> {
  const named = (role: Role) =>
    DEMO_TEAM.filter((m) => (m.roles as readonly Role[]).includes(role))
      .map((m) => m.name)
      .join(sep);
  return {
    director: named('sales_director'),
    manager: named('sales_manager'),
    pm: named('project_manager'),
    desk: named('front_desk'),
    consultants: named('consultant'),
  };
}
