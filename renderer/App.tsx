/**
 * The shell: first-run setup on an empty database, then "who is acting?", then the screens with a header
 * showing the acting person. Keys: F2 switch person, Alt+1 desk, Alt+2 roster.
 *
 * #/lobby is different: the lobby display board on a TV, with no header, no sign-in and no session
 * (it only reads the public roster.board), so it never loads staff or the acting person.
 */
import { useEffect, useState } from 'react';
import { Header } from './components/Header';
import { StaffPicker } from './components/StaffPicker';
import { useT } from './i18n';
import { navigate, type Route, useRoute } from './lib/route';
import { Customer } from './screens/Customer';
import { Deals } from './screens/Deals';
import { Desk } from './screens/Desk';
import { Disputes } from './screens/Disputes';
import { FirstRun } from './screens/FirstRun';
import { Lobby } from './screens/Lobby';
import { Referrals } from './screens/Referrals';
import { Registrations } from './screens/Registrations';
import { Roster } from './screens/Roster';
import { Statements } from './screens/Statements';
import { useDesk } from './stores/desk';
import { useRoster } from './stores/roster';
import { useSession } from './stores/session';

/** The roster changes at other desks too; a light poll keeps this one current. */
const ROSTER_POLL_MS = 5000;

export function App() {
  const route = useRoute();
  return route === 'lobby' ? <Lobby /> : <Office route={route} />;
}

function Office({ route }: { route: Exclude<Route, 'lobby'> }) {
  const t = useT();
  const { status, loadError, staff, me, pickerOpen, load, openPicker, closePicker } = useSession();

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  // Global keys (the desk is used without a mouse).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        openPicker();
      } else if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === '1' || e.key === '2')) {
        e.preventDefault();
        navigate(e.key === '1' ? 'desk' : 'roster');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPicker]);

  // A different person may see different things: drop the cache and ask again on every switch.
  const refresh = useRoster((s) => s.refresh);
  const resetRoster = useRoster((s) => s.reset);
  const resetDesk = useDesk((s) => s.reset);
  useEffect(() => {
    resetRoster();
    resetDesk();
    if (!me) return;
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, ROSTER_POLL_MS);
    return () => clearInterval(timer);
  }, [me?.id, refresh, resetRoster, resetDesk]);

  if (status === 'loading') return <p className="splash">{t('app.loading')}</p>;
  if (status === 'failed')
    return (
      <main className="splash">
        <p className="error" role="alert">
          {t('app.loadFailed', { message: loadError ?? '' })}
        </p>
        <button type="button" onClick={() => void load()}>
          {t('app.retry')}
        </button>
      </main>
    );
  if (staff.length === 0) return <FirstRun />;

  return (
    <div className="app">
      <Header me={me} route={route} onSwitch={openPicker} />
      {me ? <Screen route={route} key={`${me.id}:${route}`} /> : <SignIn />}
      {me && pickerOpen && <PickerDialog onClose={closePicker} />}
      <footer className="app-footer">{t('app.shortcuts')}</footer>
    </div>
  );
}

function Screen({ route }: { route: Exclude<Route, 'lobby'> }) {
  if (route === 'deals') return <Deals />;
  if (route === 'statements') return <Statements />;
  if (route === 'disputes') return <Disputes />;
  if (route === 'registrations') return <Registrations />;
  if (route === 'customer') return <Customer />;
  if (route === 'referrals') return <Referrals />;
  return route === 'roster' ? <Roster /> : <Desk />;
}

function useSignIn() {
  const signIn = useSession((s) => s.signIn);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pick = async (id: string) => {
    setBusy(true);
    const r = await signIn(id);
    setBusy(false);
    setError(r.ok ? null : r.error.message);
  };
  return { pick, busy, error };
}

function SignIn() {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const { pick, busy, error } = useSignIn();
  return (
    <main className="sign-in" data-testid="sign-in">
      <section className="card narrow">
        <h1>{t('signin.title')}</h1>
        <p className="muted">{t('signin.subtitle')}</p>
        <StaffPicker staff={staff} onPick={(id) => void pick(id)} error={error} busy={busy} />
      </section>
    </main>
  );
}

function PickerDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const me = useSession((s) => s.me);
  const { pick, busy, error } = useSignIn();
  return (
    <div
      className="overlay"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="modal card" role="dialog" aria-modal="true" aria-label={t('picker.title')} data-testid="staff-picker">
        <div className="modal-head">
          <h2>{t('picker.title')}</h2>
          <button type="button" className="quiet" onClick={onClose} aria-label={t('picker.close')}>
            ✕
          </button>
        </div>
        <StaffPicker staff={staff} currentId={me?.id} onPick={(id) => void pick(id)} onClose={onClose} error={error} busy={busy} />
      </div>
    </div>
  );
}
