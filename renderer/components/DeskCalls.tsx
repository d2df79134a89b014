/**
 * A consultant's two records at the desk that are not a walk-in: 来电登记 (desk.phoneInquiry, R-OWN-6: a call is
 * recorded and never gives ownership) and 老带新预告 (desk.announce, R-OWN-9a: an old customer phoned to say they
 * will bring someone; the new customer is the consultant's when they come). Alt+P and Alt+Y open them from
 * anywhere on the desk; in a form Enter saves and Esc closes, and the focus goes back to the phone field.
 */
import { KeyboardForm } from './KeyboardForm';
import { useEffect, useRef, useState } from 'react';
import { api, type ApiErrorBody } from '../api/client';
import { useApi } from '../api/useApi';
import { formatDay, useT } from '../i18n';
import { errorText } from '../i18n/reasons';
import { useOfficeDay } from '../lib/officeDay';
import { today } from '../lib/days';
import { ConsultantChooser } from './ConsultantChooser';
import { can } from '../../src/api/spec';
import { useSession } from '../stores/session';
import { useRoster } from '../stores/roster';

type Open = 'call' | 'announce' | null;

const backToPhone = () => document.querySelector<HTMLInputElement>('[data-testid="desk-phone"]')?.focus();

export function DeskCalls() {
  const t = useT();
  const me = useSession((s) => s.me);
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key === 'p' && can(me, 'desk.phoneInquiry')) {
        e.preventDefault();
        setDone(null);
        setOpen('call');
      } else if (key === 'y' && can(me, 'desk.announce')) {
        e.preventDefault();
        setDone(null);
        setOpen('announce');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [me]);

  const close = (said: string | null) => {
    setOpen(null);
    setDone(said);
    backToPhone();
  };

  return (
    <section className="card desk-calls" data-testid="desk-calls">
      <div className="row-buttons">
        {can(me, 'desk.phoneInquiry') && (
          <button type="button" onClick={() => setOpen('call')} aria-keyshortcuts="Alt+P" data-testid="call-open">
            {t('call.open')}
          </button>
        )}
        {can(me, 'desk.announce') && (
          <button type="button" onClick={() => setOpen('announce')} aria-keyshortcuts="Alt+Y" data-testid="announce-open">
            {t('announce.open')}
          </button>
        )}
        <span className="hint">{t('desk.callKeys')}</span>
      </div>
      {open === 'call' && <CallForm onDone={close} />}
      {open === 'announce' && <AnnounceForm onDone={close} />}
      {done && (
        <p className="ok" role="status" data-testid="desk-calls-done">
          {done}
        </p>
      )}
    </section>
  );
}

function CallForm({ onDone }: { onDone(said: string | null): void }) {
  const t = useT();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await api.call('desk.phoneInquiry', {
      customer: { name: name.trim(), phone },
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (r.ok) onDone(t('call.saved', { name: name.trim() }));
    else setError(r.error);
  };

  return (
    <KeyboardForm className="desk-call-form" testId="call-form" onSubmit={() => void submit()} onEscape={() => onDone(null)}>
      <h3>{t('call.title')}</h3>
      <label className="field">
        <span>{t('call.phone')}</span>
        <input
          ref={first}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          inputMode="tel"
          autoComplete="off"
          data-testid="call-phone"
        />
      </label>
      <label className="field">
        <span>{t('call.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" data-testid="call-name" />
      </label>
      <label className="field">
        <span>{t('call.note')}</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} autoComplete="off" maxLength={1000} data-testid="call-note" />
      </label>
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={busy} data-testid="call-save">
          {t('call.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('call.cancel')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="call-error">
          {errorText(error)}
        </p>
      )}
    </KeyboardForm>
  );
}

/** "15:00", "1500" or "9:30" → "15:00" / "09:30"; null when it is no time of day. */
function timeOf(text: string): string | null {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

function AnnounceForm({ onDone }: { onDone(said: string | null): void }) {
  const t = useT();
  const mine = useApi('me.customers', {}, { areas: ['registrations', 'customers'] });
  const [from, setFrom] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  // the office's day (the server's clock: today's roster, else roster.board), once known; a day typed is kept
  const rosterDay = useRoster((s) => s.view?.day ?? null);
  const officeToday = useOfficeDay();
  const [day, setDay] = useState(rosterDay ?? '');
  useEffect(() => {
    if (officeToday) setDay((d) => d || officeToday);
  }, [officeToday]);
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const customers = (mine.data ?? []).map((c) => ({ id: String(c.customer.id), name: c.customer.name }));

  const submit = async () => {
    if (busy) return;
    const at = timeOf(time);
    if (!from) return setError(t('announce.fromNone'));
    const onDay = day || today();
    if (!at || !/^\d{4}-\d{2}-\d{2}$/.test(onDay)) return setError(t('roster.history.needTime'));
    setBusy(true);
    const r = await api.call('desk.announce', {
      customer: { name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      from: Number(from),
      expectedAt: `${onDay}T${at}:00`,
    });
    setBusy(false);
    if (r.ok) onDone(t('announce.saved', { name: name.trim(), when: `${formatDay(onDay)} ${at}` }));
    else setError(errorText(r.error));
  };

  return (
    <KeyboardForm className="desk-call-form" testId="announce-form" onSubmit={() => void submit()} onEscape={() => onDone(null)}>
      <h3>{t('announce.title')}</h3>
      {mine.data && customers.length === 0 ? (
        <p className="muted">{t('announce.noCustomers')}</p>
      ) : (
        <ConsultantChooser
          label={t('announce.from')}
          consultants={customers}
          value={from}
          onChange={setFrom}
          none={t('announce.fromNone')}
          testId="announce-from"
          inputRef={first}
        />
      )}
      <label className="field">
        <span>{t('announce.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" data-testid="announce-name" />
      </label>
      <label className="field">
        <span>{t('announce.phone')}</span>
        <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" autoComplete="off" data-testid="announce-phone" />
      </label>
      <label className="field">
        <span>{t('announce.day')}</span>
        <input
          value={day}
          onChange={(e) => setDay(e.target.value)}
          autoComplete="off"
          placeholder="2026-03-02"
          data-testid="announce-day"
        />
      </label>
      <label className="field">
        <span>{t('announce.time')}</span>
        <input
          value={time}
          onChange={(e) => setTime(e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          placeholder="15:00"
          data-testid="announce-time"
        />
      </label>
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={busy} data-testid="announce-save">
          {t('announce.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('call.cancel')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="announce-error">
          {error}
        </p>
      )}
    </KeyboardForm>
  );
}
