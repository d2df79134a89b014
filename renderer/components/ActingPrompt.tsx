/**
 * The desk station's "who is doing this?" (issue 17 item 10, docs/security.md): while this terminal is the
 * station, every call it may not make by itself (api/client needsActingPerson) opens this dialog; the person
 * picks themselves (only people who may do it are listed) and types their PIN, and the call is sent with them.
 * A wrong PIN asks again in place (tries left, or locked); Esc cancels and the call is not made. The PIN is
 * kept only for that one call. The last person chosen is offered first, since one person often does several.
 */
import { useEffect, useRef, useState } from 'react';
import { can } from '../../src/api/spec';
import type { ActingPerson } from '../../src/api/session';
import { type ApiResult, type MethodName, setActingPrompt } from '../api/client';
import { useT } from '../i18n';
import { errorText } from '../i18n/reasons';
import { actionLabel } from '../lib/audit-words';
import { useSession } from '../stores/session';
import { StaffPicker } from './StaffPicker';

/** Refusals that are about the PIN just typed: the dialog stays open for another try. */
const PIN_REFUSALS: ReadonlySet<string> = new Set([
  'pin_wrong',
  'pin_wrong_locked',
  'pin_locked',
  'pin_not_set',
  'pin_just_reset',
  'staff_not_found',
]);

interface Asking {
  method: MethodName;
  send(who: ActingPerson): Promise<ApiResult<unknown>>;
  done(answer: ApiResult<unknown> | null): void;
}

export function ActingPrompt() {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const [asking, setAsking] = useState<Asking | null>(null);
  const last = useRef<string | null>(null);
  const queue = useRef<Asking[]>([]);

  useEffect(
    () =>
      setActingPrompt(
        (method, send) =>
          new Promise((done) => {
            const next: Asking = { method, send, done };
            // One dialog at a time: a second action asked meanwhile waits its turn.
            setAsking((current) => {
              if (current) {
                queue.current.push(next);
                return current;
              }
              return next;
            });
          }),
      ),
    [],
  );

  if (!asking) return null;
  const finish = (answer: ApiResult<unknown> | null) => {
    asking.done(answer);
    setAsking(queue.current.shift() ?? null);
  };
  const who = staff.filter((s) => s.active !== false && can(s, asking.method));
  // the last person first, so doing several things in a row is Enter, the PIN, Enter
  const ordered = last.current ? [...who.filter((s) => s.id === last.current), ...who.filter((s) => s.id !== last.current)] : who;
  return (
    <div className="overlay" data-testid="acting-prompt" data-method={asking.method}>
      <div className="modal card" role="dialog" aria-modal="true" aria-label={t('station.promptTitle')}>
        <div className="modal-head">
          <h2>{t('station.promptTitle')}</h2>
          <button type="button" className="quiet" onClick={() => finish(null)} aria-label={t('station.cancel')} data-testid="acting-cancel">
            ✕
          </button>
        </div>
        <p className="muted">{t('station.promptFor', { action: actionLabel(t, asking.method) })}</p>
        <StaffPicker
          key={asking.method}
          staff={ordered}
          submitLabel={t('station.promptSubmit')}
          onClose={() => finish(null)}
          onSignIn={async (staffId, pin) => {
            const answer = await asking.send({ staffId, pin });
            if (!answer.ok && PIN_REFUSALS.has(answer.error.reason)) return errorText(answer.error);
            last.current = staffId;
            finish(answer);
            return null;
          }}
        />
      </div>
    </div>
  );
}
