import { useId, useState, type FormEvent } from 'react';
import { api, type Consent } from '../api';
import { useI18n } from '../i18n';
import { errorMap, Field } from './consent-form-parts';

/** Withdraws an active consent with a reason (stored by the server, never shown again). */
export function WithdrawConsent({ caseId, consent, onDone }: { caseId: string; consent: Consent; onDone: () => void }) {
  const { t } = useI18n();
  const uid = useId();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setErrors({ reason: t('validation.required') });
    setBusy(true);
    try {
      await api(`/cases/${caseId}/consents/${consent.consentId}/withdraw`, { method: 'POST', body: { reason } });
      setErrors({});
      onDone();
    } catch (err) {
      setErrors(errorMap(err, t, ['reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="withdraw">
      <summary>{t('consent.withdraw')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors._ && <p role="alert">{errors._}</p>}
        <Field id={`${uid}-reason`} label={t('consent.reason')} error={errors.reason}>
          <textarea
            id={`${uid}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${uid}-reason-error` : undefined}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {t('consent.withdrawSubmit')}
        </button>
      </form>
    </details>
  );
}
