import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';

/**
 * A case-level action: the lead agency's coordinator cancels the case (POST /cases/:id/cancel), its data-protection
 * officer erases it (POST /cases/:id/erase), each with a reason the server keeps and never shows. Two steps: the
 * reason, then an explicit confirmation, because neither can be undone. The case view offers only the actions the
 * API lists in the case's `allowedActions`.
 */
export function CaseAction({
  caseId,
  action,
  onDone,
}: {
  caseId: string;
  action: 'cancel' | 'erase';
  onDone: () => void;
}) {
  const { t } = useI18n();
  const k = <S extends 'title' | 'explain' | 'reason' | 'submit' | 'confirm' | 'confirmButton' | 'keep'>(s: S) =>
    t(`${action}.${s}`);
  const uid = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('validation.required'));
    setError(null);
    setConfirming(true);
  };

  const submit = async () => {
    setBusy(true);
    try {
      await api(`/cases/${caseId}/${action}`, { method: 'POST', body: { reason } });
      onDone();
    } catch (err) {
      setConfirming(false);
      setError(
        err instanceof ApiError && err.fields.length
          ? err.fields.map((f) => f.reason).join('; ')
          : err instanceof ApiError
            ? t('error.api', { status: err.status, message: err.message })
            : t('error.network'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="erase" data-testid={`case-action-${action}`}>
      <summary>{k('title')}</summary>
      <p className="hint">{k('explain')}</p>
      <form onSubmit={ask} noValidate>
        <div className={`field${error ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-reason`}>{k('reason')}</label>
          <textarea
            id={`${uid}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${uid}-error` : undefined}
          />
          {error && (
            <span className="error" id={`${uid}-error`} role="alert">
              {error}
            </span>
          )}
        </div>
        {!confirming && (
          <button type="submit" className="danger">
            {k('submit')}
          </button>
        )}
      </form>
      {confirming && (
        <div role="alertdialog" aria-modal="false" aria-labelledby={`${uid}-confirm`} className="confirm">
          <p id={`${uid}-confirm`}>{k('confirm')}</p>
          <button type="button" className="danger" disabled={busy} onClick={() => void submit()}>
            {k('confirmButton')}
          </button>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {k('keep')}
          </button>
        </div>
      )}
    </details>
  );
}
