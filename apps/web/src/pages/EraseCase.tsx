import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';

/**
 * A data-protection officer erases the case (POST /cases/:id/erase) with a reason the server keeps and never shows.
 * Two steps: the reason, then an explicit confirmation, because the erasure cannot be undone.
 */
export function EraseCase({ caseId, onErased }: { caseId: string; onErased: () => void }) {
  const { t } = useI18n();
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

  const erase = async () => {
    setBusy(true);
    try {
      await api(`/cases/${caseId}/erase`, { method: 'POST', body: { reason } });
      onErased();
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
    <details className="erase">
      <summary>{t('erase.title')}</summary>
      <p className="hint">{t('erase.explain')}</p>
      <form onSubmit={ask} noValidate>
        <div className={`field${error ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-reason`}>{t('erase.reason')}</label>
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
            {t('erase.submit')}
          </button>
        )}
      </form>
      {confirming && (
        <div role="alertdialog" aria-modal="false" aria-labelledby={`${uid}-confirm`} className="confirm">
          <p id={`${uid}-confirm`}>{t('erase.confirm')}</p>
          <button type="button" className="danger" disabled={busy} onClick={() => void erase()}>
            {t('erase.confirmButton')}
          </button>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {t('erase.keep')}
          </button>
        </div>
      )}
    </details>
  );
}
