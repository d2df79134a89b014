/**
 * Staff administration (#/staff, the admin and the sales director): everyone, the deactivated greyed out
 * (never deleted: history keeps their names); add a person with roles and an initial PIN; change roles;
 * deactivate or reactivate after a confirmation; reset a PIN (which also lifts a lock). The server refuses
 * what the rules forbid (no admin or director left, deactivating oneself) and its message shows in place.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import type { Role, StaffMember } from '../api/types';
import { InlineDialog } from '../components/InlineDialog';
import { type Translate, useT } from '../i18n';
import { byRoleThenList } from '../lib/roles';
import { adminGrantRefusal, can } from '../../src/api/spec';
import { useSession } from '../stores/session';
import '../styles/security.css';
import { KeyboardForm } from '../components/KeyboardForm';
import { errorText } from '../i18n/reasons';
import { RoleChecks, toggled } from '../components/RoleChecks';
import { AddFromSite } from '../components/AddFromSite';

const digitsOnly = (v: string) => v.replace(/\D/g, '').slice(0, 8);

type Editing = { id: string; kind: 'roles' | 'pin' | 'active' } | null;

export function Staff() {
  const t = useT();
  const me = useSession((s) => s.me);
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<{ id: string; text: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [fromSite, setFromSite] = useState(false);
  // an office group's sites (more than one): a colleague of another may be added here, and the list says who is also elsewhere
  const sites = useSession((s) => s.sites);
  const siteName = (code: string) => sites.find((x) => x.code === code)?.name ?? code;

  // Re-read when anyone is added, changed or locked out, here or at another terminal.
  const people = useApi('staff.list', { includeInactive: true }, { enabled: can(me, 'staff.create'), areas: ['staff'] });
  // as the picker orders people; the deactivated after everyone still working
  const list = useMemo<StaffMember[] | null>(
    () =>
      people.data
        ? [...byRoleThenList(people.data.filter((s) => s.active)), ...byRoleThenList(people.data.filter((s) => !s.active))]
        : null,
    [people.data],
  );
  const loadError = people.error ? errorText(people.error) : null;

  /** After a change: this list, and the picker's (or the acting person's own roles). */
  const changed = async (id: string, text: string) => {
    // the dialog closes on the list as it now is, never on the old one
    await people.reload();
    setEditing(null);
    setDone({ id, text });
    const session = useSession.getState();
    await (id === session.me?.id ? session.load() : session.reloadStaff());
  };

  if (!can(me, 'staff.create'))
    return (
      <main className="sec-screen" data-testid="staff-screen">
        <p className="error" role="alert">
          {t('staff.notAllowed')}
        </p>
      </main>
    );

  const active = list?.filter((s) => s.active).length ?? 0;

  return (
    <main className="sec-screen" data-testid="staff-screen">
      <div className="screen-title">
        <h1>{t('staff.title')}</h1>
        {list && <span className="muted">{t('staff.counts', { active, inactive: list.length - active })}</span>}
        {!adding && (
          <button type="button" className="primary title-action" onClick={() => setAdding(true)} data-testid="staff-add-open">
            {t('staff.addButton')}
          </button>
        )}
        {!fromSite && sites.length > 1 && (
          <button type="button" className="title-action" onClick={() => setFromSite(true)} data-testid="staff-from-site-open">
            {t('staff.fromSiteButton')}
          </button>
        )}
      </div>
      <p className="muted sec-lead">{t('staff.lead')}</p>

      {adding && (
        <AddPerson t={t} onAdded={(id, name) => void changed(id, t('staff.added', { name, id }))} onClose={() => setAdding(false)} />
      )}

      {fromSite && <AddFromSite t={t} onAdded={(id, text) => void changed(id, text)} onClose={() => setFromSite(false)} />}

      <section className="card" data-testid="staff-list">
        <h2>{t('staff.listTitle')}</h2>
        {loadError && (
          <p className="error" role="alert">
            {loadError}
          </p>
        )}
        {!list && !loadError && <p className="muted">{t('staff.loading')}</p>}
        {list && (
          <table className="sec-table staff-table">
            <thead>
              <tr>
                <th>{t('staff.col.name')}</th>
                <th>{t('staff.col.roles')}</th>
                <th>{t('staff.col.pin')}</th>
                <th>{t('staff.col.status')}</th>
                <th className="actions-col">{t('staff.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <StaffRow
                  key={s.id}
                  person={s}
                  isMe={s.id === me?.id}
                  editing={editing?.id === s.id ? editing.kind : null}
                  onEdit={(kind) => {
                    setDone(null);
                    setEditing(kind ? { id: s.id, kind } : null);
                  }}
                  done={done?.id === s.id ? done.text : null}
                  onChanged={(text) => void changed(s.id, text)}
                  alsoAt={s.alsoAt.map(siteName)}
                  t={t}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function AddPerson({ t, onAdded, onClose }: { t: Translate; onAdded(id: string, name: string): void; onClose(): void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [roles, setRoles] = useState<Role[]>(['consultant']);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);

  useEffect(() => nameField.current?.focus(), []);
  /** an edit answers the refusal: it no longer stands */
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setError(null);
      set(v);
    };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await api.call('staff.create', {
      name: name.trim(),
      roles,
      ...(id.trim() ? { id: id.trim() } : {}),
      ...(pin ? { pin } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setError(null);
    setName('');
    setId('');
    setPin('');
    setRoles(['consultant']);
    onAdded(r.value.id, r.value.name);
    nameField.current?.focus();
  };

  return (
    <section className="card staff-add" data-testid="staff-add">
      <h2>{t('staff.addTitle')}</h2>
      <KeyboardForm onSubmit={() => void submit()} onEscape={onClose}>
        <div className="staff-add-fields">
          <label className="field">
            <span>{t('staff.name')}</span>
            <input
              ref={nameField}
              value={name}
              onChange={(e) => edited(setName)(e.target.value)}
              autoComplete="off"
              data-testid="staff-add-name"
            />
          </label>
          <label className="field">
            <span>{t('staff.id')}</span>
            <input
              value={id}
              onChange={(e) => edited(setId)(e.target.value)}
              placeholder={t('staff.idPlaceholder')}
              autoComplete="off"
              data-testid="staff-add-id"
            />
          </label>
          <label className="field">
            <span>{t('staff.initialPin')}</span>
            <input
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              value={pin}
              onChange={(e) => edited(setPin)(digitsOnly(e.target.value))}
              placeholder={t('staff.pinPlaceholder')}
              data-testid="staff-add-pin"
            />
          </label>
        </div>
        <div className="field staff-add-roles">
          <span>{t('staff.roles')}</span>
          <RoleChecks roles={roles} onToggle={(r) => edited(setRoles)(toggled(roles, r))} testPrefix="staff-add-role" t={t} />
        </div>
        <div className="row-buttons">
          <button type="submit" className="primary" disabled={busy} data-testid="staff-add-submit">
            {t('staff.add')}
          </button>
          <button type="button" onClick={onClose} data-testid="staff-add-close">
            {t('staff.addClose')}
          </button>
          <span className="hint">{t('staff.addHint')}</span>
        </div>
        {error && (
          <p className="error" role="alert" data-testid="staff-add-error">
            {error}
          </p>
        )}
      </KeyboardForm>
    </section>
  );
}

interface RowProps {
  person: StaffMember;
  isMe: boolean;
  editing: 'roles' | 'pin' | 'active' | null;
  onEdit(kind: 'roles' | 'pin' | 'active' | null): void;
  done: string | null;
  onChanged(text: string): void;
  /** the names of the group's other sites this person is also at */
  alsoAt: string[];
  t: Translate;
}

function StaffRow({ person: s, isMe, editing, onEdit, done, onChanged, alsoAt, t }: RowProps) {
  // An admin's record is changed only by an admin; nobody resets their own PIN here (staff.ts says why).
  const adminOnly = adminGrantRefusal(useSession((st) => st.me)?.roles ?? [], [], s.roles) !== null;
  const [roles, setRoles] = useState<Role[]>(s.roles);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setRoles(s.roles);
    setPin('');
    setError(null);
  }, [editing, s.roles]);

  const run = async (call: () => ReturnType<typeof api.call>, text: string) => {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (r.ok) onChanged(text);
    else setError(errorText(r.error));
  };

  const dialog =
    editing === 'roles' ? (
      <InlineDialog
        question={t('staff.rolesQuestion', { name: s.name })}
        busy={busy}
        error={error}
        onCancel={() => onEdit(null)}
        onConfirm={() => void run(() => api.call('staff.update', { id: s.id, roles }), t('staff.rolesDone', { name: s.name }))}
        testId="staff-dialog"
      >
        <RoleChecks roles={roles} onToggle={(r) => setRoles((rs) => toggled(rs, r))} testPrefix="staff-role" t={t} />
      </InlineDialog>
    ) : editing === 'pin' ? (
      <InlineDialog
        question={t('staff.pinQuestion', { name: s.name })}
        busy={busy}
        error={error}
        onCancel={() => onEdit(null)}
        onConfirm={() => void run(() => api.call('staff.resetPin', { id: s.id, pin }), t('staff.pinDone', { name: s.name }))}
        testId="staff-dialog"
      >
        <label className="inline-dialog-field">
          <span>{t('staff.newPin')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onChange={(e) => {
              setPin(digitsOnly(e.target.value));
              setError(null);
            }}
            placeholder={t('staff.pinPlaceholder')}
            data-testid="staff-new-pin"
          />
        </label>
      </InlineDialog>
    ) : editing === 'active' ? (
      <InlineDialog
        question={s.active ? t('staff.deactivateQuestion', { name: s.name }) : t('staff.reactivateQuestion', { name: s.name })}
        busy={busy}
        error={error}
        onCancel={() => onEdit(null)}
        onConfirm={() =>
          void run(
            () => api.call('staff.update', { id: s.id, active: !s.active }),
            s.active ? t('staff.deactivated', { name: s.name }) : t('staff.reactivated', { name: s.name }),
          )
        }
        testId="staff-dialog"
      />
    ) : null;

  return (
    <>
      <tr
        className={`staff-row${s.active ? '' : ' inactive'}${editing ? ' editing' : ''}`}
        data-testid="staff-row"
        data-staff={s.id}
        data-active={s.active ? 'true' : 'false'}
      >
        <td>
          <span className="staff-name">{s.name}</span>
          {isMe && <span className="badge me-badge">{t('staff.me')}</span>}
          <span className="muted small staff-id"> {s.id}</span>
          {alsoAt.length > 0 && (
            <span className="badge also-at" data-testid="staff-also-at">
              {t('staff.alsoAt', { sites: alsoAt.join(t('common.listSep')) })}
            </span>
          )}
        </td>
        <td data-testid="staff-roles">{s.roles.map((r) => t(`role.${r}`)).join(t('common.listSep'))}</td>
        <td>
          <span
            className={`badge ${s.hasPin ? 'pin-set' : 'pin-missing'}`}
            data-testid="staff-pin-state"
            data-has-pin={s.hasPin ? 'true' : 'false'}
          >
            {s.hasPin ? t('staff.pinSet') : t('staff.pinMissing')}
          </span>
        </td>
        <td>
          <span className={`badge ${s.active ? 'status-active' : 'status-inactive'}`} data-testid="staff-status">
            {s.active ? t('staff.active') : t('staff.inactive')}
          </span>
        </td>
        <td className="actions-col">
          <div className="row-actions">
            <button
              type="button"
              onClick={() => onEdit(editing === 'roles' ? null : 'roles')}
              disabled={!s.active || adminOnly}
              title={adminOnly ? t('staff.adminOnly') : undefined}
              data-testid="staff-edit-roles"
            >
              {t('staff.editRoles')}
            </button>
            <button
              type="button"
              onClick={() => onEdit(editing === 'pin' ? null : 'pin')}
              disabled={!s.active || adminOnly || isMe}
              title={adminOnly ? t('staff.adminOnly') : isMe ? t('staff.noSelfPin') : undefined}
              data-testid="staff-reset-pin"
            >
              {t('staff.resetPin')}
            </button>
            {s.active ? (
              <button
                type="button"
                className="danger"
                onClick={() => onEdit(editing === 'active' ? null : 'active')}
                disabled={isMe || adminOnly}
                title={isMe ? t('staff.notSelf') : adminOnly ? t('staff.adminOnly') : undefined}
                data-testid="staff-deactivate"
              >
                {t('staff.deactivate')}
              </button>
            ) : (
              <button type="button" onClick={() => onEdit(editing === 'active' ? null : 'active')} data-testid="staff-reactivate">
                {t('staff.reactivate')}
              </button>
            )}
          </div>
        </td>
      </tr>
      {(dialog || done) && (
        <tr className="staff-dialog-row">
          <td colSpan={5}>
            {dialog}
            {!dialog && done && (
              <p className="done" role="status" data-testid="staff-done">
                {done}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
