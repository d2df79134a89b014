/**
 * A manager's change to a reception in progress, opened in place on the desk's list of receptions:
 * 更换接待 (desk.switch: the customer asks for another consultant and the manager agrees, R-OWN-13/14) and
 * 拒绝接待 (desk.refuse: the customer refuses their consultant; the fault decides, R-OWN-12, R-ROS-10).
 * Keyboard: the first field has the focus, ↑↓ between faults, Space ticks a box, digits pick a consultant,
 * Enter confirms, Esc cancels. The server decides what happens and says who receives now.
 */
import { useState } from 'react';
import type { Output } from '../api/client';
import { type Translate, useT } from '../i18n';
import { errorText } from '../i18n/reasons';
import { useDesk } from '../stores/desk';
import { type ChoosableConsultant, ConsultantChooser } from './ConsultantChooser';
import { InlineDialog } from './InlineDialog';

export type ReceptionChangeKind = 'switch' | 'refuse';
type Fault = 'none' | 'general' | 'serious';

interface Props {
  kind: ReceptionChangeKind;
  visitId: number;
  customer: string;
  consultant: { id: string; name: string };
  consultants: readonly ChoosableConsultant[];
  onDone(said: string): void;
  onCancel(): void;
}

/** Enter on a radio button or a box confirms, as it does in a text field. */
const enterSubmits = (e: React.KeyboardEvent) => {
  const target = e.target as HTMLInputElement;
  if (e.key === 'Enter' && (target.type === 'radio' || target.type === 'checkbox')) {
    e.preventDefault();
    target.form?.requestSubmit();
  }
};

function refusedText(t: Translate, r: Output<'desk.refuse'>): string {
  return t(`refuse.done.${r.outcome}`, { name: r.receivedBy.name });
}

export function ReceptionChange({ kind, visitId, customer, consultant, consultants, onDone, onCancel }: Props) {
  const t = useT();
  const change = useDesk((s) => s.change);
  const [to, setTo] = useState('');
  const [solicited, setSolicited] = useState(false);
  const [fault, setFault] = useState<Fault>('none');
  const [insist, setInsist] = useState(false);
  const [priorityTurn, setPriorityTurn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    if (kind === 'switch') {
      if (!to) {
        setBusy(false);
        return setError(t('dialog.needConsultant'));
      }
      const r = await change('desk.switch', { visit: visitId, to, ...(solicited ? { solicited } : {}) });
      setBusy(false);
      return r.ok ? onDone(t('switch.done', { name: r.value.receivedBy.name ?? to })) : setError(errorText(r.error));
    }
    const r = await change('desk.refuse', {
      visit: visitId,
      fault,
      ...(insist ? { insist } : {}),
      ...(priorityTurn ? { priorityTurn } : {}),
    });
    setBusy(false);
    return r.ok ? onDone(refusedText(t, r.value)) : setError(errorText(r.error));
  };

  return (
    <InlineDialog
      question={kind === 'switch' ? t('switch.question', { customer }) : t('refuse.question', { customer, consultant: consultant.name })}
      error={error}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
      testId={`${kind}-dialog`}
    >
      <div onKeyDown={enterSubmits}>
        {kind === 'switch' ? (
          <>
            <ConsultantChooser
              label={t('switch.to')}
              consultants={consultants.filter((c) => c.id !== consultant.id)}
              value={to}
              onChange={(id) => (setTo(id), setError(null))}
              none={t('dialog.choose')}
              testId="switch-to"
            />
            <label className="checkbox">
              <input type="checkbox" checked={solicited} onChange={(e) => setSolicited(e.target.checked)} data-testid="switch-solicited" />
              {t('switch.solicited')}
            </label>
          </>
        ) : (
          <>
            <fieldset className="refuse-fault" data-testid="refuse-fault" data-value={fault}>
              <legend>{t('refuse.fault')}</legend>
              {(['none', 'general', 'serious'] as const).map((f) => (
                <label key={f} className="radio">
                  <input
                    type="radio"
                    name={`refuse-fault-${visitId}`}
                    value={f}
                    checked={fault === f}
                    onChange={() => setFault(f)}
                    data-testid={`refuse-fault-${f}`}
                  />
                  {t(`refuse.fault.${f}`)}
                </label>
              ))}
            </fieldset>
            <label className="checkbox">
              <input type="checkbox" checked={insist} onChange={(e) => setInsist(e.target.checked)} data-testid="refuse-insist" />
              {t('refuse.insist')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={priorityTurn}
                onChange={(e) => setPriorityTurn(e.target.checked)}
                data-testid="refuse-priority"
              />
              {t('refuse.priority', { consultant: consultant.name })}
            </label>
          </>
        )}
      </div>
    </InlineDialog>
  );
}
