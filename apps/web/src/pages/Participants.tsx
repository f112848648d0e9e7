import { useId, useState, type FormEvent } from 'react';
import { api, ApiError, type CaseDetail, type SopDescription } from '../api';
import { useNames } from '../directory';
import { useI18n } from '../i18n';

/** The choice "no agency: the one in the slot withdraws" in the agency list (not an agency id: ids are lowercase). */
const WITHDRAW = '(withdraw)';

type CaseParticipants = Pick<CaseDetail, 'caseId' | 'participants' | 'allowedActions'> &
  Partial<Pick<CaseDetail, 'changeableSlots' | 'participantHistory'>>;

/**
 * Who is on the case: each slot of the SOP with the agency that fills it, by name, the history of changes, and for the
 * lead agency's coordinator a form to put another agency in a slot the SOP lets change (POST /cases/:id/participants).
 */
export function Participants({
  kase,
  sop,
  onChanged = () => undefined,
}: {
  kase: CaseParticipants;
  sop: SopDescription;
  onChanged?: () => void;
}) {
  const { t, sopLabel, formatDate } = useI18n();
  const names = useNames();
  const slots = Object.entries(kase.participants ?? {});
  if (slots.length === 0) return null;
  const slotName = (slot: string) => sopLabel(`${sop.id}.slot.${slot}`, sop.participants[slot]?.label ?? slot);
  const history = kase.participantHistory ?? [];
  const canChange =
    kase.allowedActions?.includes('case:change-participants') && (kase.changeableSlots ?? []).length > 0;
  return (
    <section aria-labelledby="participants-h" className="participants">
      <h3 id="participants-h">{t('case.participants')}</h3>
      <dl className="facts">
        {slots.map(([slot, agency]) => (
          <div key={slot} data-slot={slot}>
            <dt>{slotName(slot)}</dt>
            <dd>{names.agency(agency)}</dd>
          </div>
        ))}
      </dl>
      {history.length > 0 && (
        <>
          <h4>{t('participants.history')}</h4>
          <ul className="participant-history">
            {history.map((h) => (
              <li key={`${h.at}-${h.slot}`}>
                {t(h.withdrawn ? 'participants.historyWithdrawn' : 'participants.historyEntry', {
                  when: formatDate(h.at),
                  slot: slotName(h.slot),
                  from: h.from ? names.agency(h.from) : t('participants.nobody'),
                  to: names.agency(h.to),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {canChange && <ChangeParticipant kase={kase} sop={sop} slotName={slotName} onChanged={onChanged} />}
    </section>
  );
}

function ChangeParticipant({
  kase,
  sop,
  slotName,
  onChanged,
}: {
  kase: CaseParticipants;
  sop: SopDescription;
  slotName: (slot: string) => string;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const names = useNames();
  const uid = useId();
  const slots = kase.changeableSlots ?? [];
  const [slot, setSlot] = useState(slots[0] ?? '');
  const [agency, setAgency] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const spec = sop.participants[slot];
  // The directory's agencies of a kind the slot takes (a demo slot takes any), other than the one in it now.
  const kinds = spec ? [spec.kind, ...(spec.alsoKinds ?? [])] : [];
  const candidates = names.agencies.filter(
    (a) => a.id !== kase.participants[slot] && (kinds.includes('demo') || kinds.includes(a.kind)),
  );

  // The agency in the slot withdraws (no agency takes over yet): the lead holds the slot meanwhile.
  const withdraw = agency === WITHDRAW;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!agency) local.agencyId = t('validation.required');
    if (!reason.trim()) local.reason = t('validation.required');
    setErrors(local);
    setDone(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await api(`/cases/${kase.caseId}/participants`, {
        method: 'POST',
        body: withdraw ? { slot, withdraw: true, reason } : { slot, agencyId: agency, reason },
        repeatSafe: true,
      });
      setDone(
        withdraw
          ? t('participants.withdrawDone', { slot: slotName(slot) })
          : t('participants.done', { slot: slotName(slot), agency: names.agency(agency) }),
      );
      setAgency('');
      setReason('');
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length)
        setErrors(Object.fromEntries(err.fields.map((f) => [f.field, f.reason])));
      else
        setErrors({
          form:
            err instanceof ApiError ? t('error.api', { status: err.status, message: err.message }) : t('error.network'),
        });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: string) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${uid}-${name}-e` } : {};
  const error = (name: string) =>
    errors[name] ? (
      <span className="error" id={`${uid}-${name}-e`} role="alert">
        {errors[name]}
      </span>
    ) : null;

  return (
    <details className="change-participant" data-testid="change-participant">
      <summary>{t('participants.change')}</summary>
      <p className="hint">{t('participants.explain')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={`field${errors.slot ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-slot`}>{t('participants.slot')}</label>
          <select id={`${uid}-slot`} value={slot} onChange={(e) => setSlot(e.target.value)} {...field('slot')}>
            {slots.map((s) => (
              <option key={s} value={s}>
                {slotName(s)}
              </option>
            ))}
          </select>
          {error('slot')}
        </div>
        <div className={`field${errors.agencyId ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-agency`}>{t('participants.agency')}</label>
          <select
            id={`${uid}-agency`}
            value={agency}
            onChange={(e) => setAgency(e.target.value)}
            {...field('agencyId')}
          >
            <option value="">{t('form.choose')}</option>
            <option value={WITHDRAW}>{t('participants.withdraw')}</option>
            {candidates.map((a) => (
              <option key={a.id} value={a.id}>
                {names.agency(a.id)}
              </option>
            ))}
          </select>
          {error('agencyId')}
        </div>
        <div className={`field${errors.reason ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-reason`}>{t('participants.reason')}</label>
          <textarea
            id={`${uid}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...field('reason')}
          />
          {error('reason')}
        </div>
        {error('form')}
        <button type="submit" disabled={busy}>
          {t('participants.submit')}
        </button>
        {done && (
          <p className="confirmation" role="status">
            {done}
          </p>
        )}
      </form>
    </details>
  );
}
