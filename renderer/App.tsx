/**
 * The shell: first-run setup on an empty database, then "who is acting?" (a name and that person's PIN),
 * then the screens with a header showing the acting person. Keys: F2 switch person, Alt+1 desk, Alt+2 roster.
 * When the server says the session has ended (15 idle minutes), the acting person is dropped and the
 * sign-in picker shows why.
 *
 * #/lobby is different: the lobby display board on a TV, with no header, no sign-in and no session
 * (it only reads the public roster.board), so it never loads staff or the acting person.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useApi, usePushState } from './api/useApi';
import { ActingPrompt } from './components/ActingPrompt';
import { Header } from './components/Header';
import { StaffPicker } from './components/StaffPicker';
import { useT } from './i18n';
import { navigate, type Route, useRoute } from './lib/route';
import { landingFor, usable } from './lib/screens';
import { Customer } from './screens/Customer';
import { Audit } from './screens/Audit';
import { Deals } from './screens/Deals';
import { Desk } from './screens/Desk';
import { Disputes } from './screens/Disputes';
import { FirstRun } from './screens/FirstRun';
import { SitePicker } from './components/SitePicker';
import { Lobby } from './screens/Lobby';
import { Referrals } from './screens/Referrals';
import { Registrations } from './screens/Registrations';
import { Roster } from './screens/Roster';
import { Settings } from './screens/Settings';
import { Staff } from './screens/Staff';
import { Today } from './screens/Today';
import { MyCommission, MyCustomers } from './screens/Mine';
import { Phone } from './screens/Phone';
import { RegisterSheet } from './screens/RegisterSheet';
import { Group } from './screens/Group';
import { FollowUpOverview } from './screens/FollowUpOverview';
import { Weekly } from './screens/Weekly';
import { Statements } from './screens/Statements';
import { can, DESK_STAFF } from '../src/api/spec';
import { useBackupStatus } from './stores/backup';
import { useDesk } from './stores/desk';
import { useRoster } from './stores/roster';
import { useSession } from './stores/session';
import { errorText } from './i18n/reasons';

// The charts library is most of the bundle and only the dashboard draws charts: loaded when it is opened,
// so the desk starts without it.
const Dashboard = lazy(() => import('./screens/Dashboard').then((m) => ({ default: m.Dashboard })));

/** how often the roster is read while no push stream is open (background reads: no session is kept) */
const ROSTER_FALLBACK_MS = 5000;

export function App() {
  const route = useRoute();
  return route === 'lobby' ? <Lobby /> : <Office route={route} />;
}

function Office({ route }: { route: Exclude<Route, 'lobby'> }) {
  const t = useT();
  const { status, loadError, staff, me, pickerOpen, load, openPicker, closePicker } = useSession();
  const push = usePushState();

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

  // A different person may see different things: drop the desk's cache on every switch (the feeds below
  // are keyed by the person, so they start again too).
  const resetDesk = useDesk((s) => s.reset);
  useEffect(() => {
    resetDesk();
  }, [me?.id, resetDesk]);

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
    <div className="app" data-push={push}>
      {/* keyed by the person so a switch starts them afresh; each its own key, as siblings must have */}
      {me && <RosterFeed key={`roster:${me.id}`} />}
      {me && can(me, 'backup.status') && <BackupFeed key={`backup:${me.id}`} />}
      <Header me={me} route={route} onSwitch={openPicker} />
      {me ? <Screen route={route} key={`${me.id}:${route}`} /> : <SignIn />}
      {me && pickerOpen && <PickerDialog onClose={closePicker} />}
      {me && 'station' in me && me.station && <ActingPrompt key={`acting:${me.id}`} />}
      <footer className="app-footer">{t('app.shortcuts')}</footer>
    </div>
  );
}

/**
 * Today's roster for the desk and the roster screen (stores/roster), kept current by pushed roster changes:
 * another terminal's walk-in shows here without a poll. Also takes this terminal's own change answers.
 * Only while this window has no open push stream (it dropped, was refused, or an old preload has none) is
 * the roster read every few seconds instead, so the board never silently goes stale.
 */
function RosterFeed() {
  const { data, error, seq } = useApi('roster.today', {}, { areas: ['roster', 'staff'], fallbackPollMs: ROSTER_FALLBACK_MS });
  const accept = useRoster((s) => s.accept);
  const failed = useRoster((s) => s.failed);
  const reset = useRoster((s) => s.reset);
  useEffect(() => {
    if (error) failed(errorText(error), seq);
    else if (data !== undefined) accept(data, seq);
  }, [data, error, seq, accept, failed]);
  useEffect(() => reset, [reset]);
  return null;
}

/** The backup warnings (desk banner, header chip, R-SEC-2) for whoever watches backups. */
function BackupFeed() {
  const { data, error } = useApi('backup.status', {}, { areas: ['backups'] });
  const show = useBackupStatus((s) => s.show);
  const reset = useBackupStatus((s) => s.reset);
  useEffect(() => {
    if (error) show(null);
    else if (data !== undefined) show(data);
  }, [data, error, show]);
  useEffect(() => reset, [reset]);
  return null;
}

/** A screen the person cannot use is never shown: they are sent to their own first screen (renderer/lib/screens). */
function Screen({ route: asked }: { route: Exclude<Route, 'lobby'> }) {
  const me = useSession((s) => s.me);
  const route = usable(asked, me) ? asked : landingFor(me);
  useEffect(() => {
    if (route && route !== asked) navigate(route);
  }, [route, asked]);
  return route ? <ScreenFor route={route} /> : <NoScreen />;
}

/** Someone whose roles have no screen here (an employee): told what to do instead, with nothing refused. */
function NoScreen() {
  const t = useT();
  return (
    <main className="roster-screen" data-testid="no-screen">
      <section className="card">
        <p className="lead">{t('landing.none')}</p>
        <p className="muted">{t('landing.noneHint')}</p>
      </section>
    </main>
  );
}

function ScreenFor({ route }: { route: Exclude<Route, 'lobby'> }) {
  const t = useT();
  if (route === 'today') return <Today />;
  if (route === 'my-commission') return <MyCommission />;
  if (route === 'my-customers') return <MyCustomers />;
  if (route === 'phone') return <Phone />;
  if (route === 'register-sheet') return <RegisterSheet />;
  if (route === 'group') return <Group />;
  if (route === 'follow-up') return <FollowUpOverview />;
  if (route === 'weekly') return <Weekly />;
  if (route === 'dashboard')
    return (
      <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
        <Dashboard />
      </Suspense>
    );
  if (route === 'staff') return <Staff />;
  if (route === 'settings') return <Settings />;
  if (route === 'audit') return <Audit />;
  if (route === 'deals') return <Deals />;
  if (route === 'statements') return <Statements />;
  if (route === 'disputes') return <Disputes />;
  if (route === 'registrations') return <Registrations />;
  if (route === 'customer') return <Customer />;
  if (route === 'referrals') return <Referrals />;
  return route === 'roster' ? <Roster /> : <Desk />;
}

/** Signs in with a PIN; answers the server's refusal (wrong PIN: tries left; locked) or null. */
function useSignIn() {
  const signIn = useSession((s) => s.signIn);
  return async (id: string, pin: string): Promise<string | null> => {
    const r = await signIn(id, pin);
    return r.ok ? null : errorText(r.error);
  };
}

function SignIn() {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const lostMessage = useSession((s) => s.lostMessage);
  const signIn = useSignIn();
  const openStation = useSession((s) => s.openStation);
  const [asStation, setAsStation] = useState(false);
  // Only the front desk or a manager opens the station (the server checks it too: station_role_required).
  const openers = staff.filter((s) => s.roles.some((r) => DESK_STAFF.includes(r)));
  return (
    <main className="sign-in" data-testid="sign-in">
      <section className="card narrow">
        <h1>{t('signin.title')}</h1>
        <p className="muted">{t('signin.subtitle')}</p>
        {lostMessage && (
          <p className="session-lost" role="status" data-testid="session-lost">
            {lostMessage}
          </p>
        )}
        <SitePicker />
        <label className="station-toggle" title={t('station.openHint')}>
          <input type="checkbox" checked={asStation} onChange={(e) => setAsStation(e.target.checked)} data-testid="open-station" />
          <span>{t('station.open')}</span>
        </label>
        {asStation && <p className="hint">{t('station.openHint')}</p>}
        {asStation ? (
          <StaffPicker
            key="station"
            staff={openers}
            submitLabel={t('station.submit')}
            onSignIn={async (id, pin) => {
              const r = await openStation(id, pin);
              return r.ok ? null : errorText(r.error);
            }}
          />
        ) : (
          <StaffPicker key="person" staff={staff} onSignIn={signIn} />
        )}
      </section>
    </main>
  );
}

function PickerDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const me = useSession((s) => s.me);
  const signOut = useSession((s) => s.signOut);
  const signIn = useSignIn();
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
        <StaffPicker staff={staff} currentId={me?.id} onSignIn={signIn} onClose={onClose} />
        {me && (
          <div className="picker-foot">
            <span className="muted small">{t('pin.actingNow', { name: me.name })}</span>
            <button
              type="button"
              className="quiet sign-out"
              onClick={() => void signOut()}
              title={t('pin.signOutTitle')}
              data-testid="sign-out"
            >
              {t('pin.signOut')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
