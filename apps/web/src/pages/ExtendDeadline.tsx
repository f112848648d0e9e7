import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';

/**
 * A supervisor moves an open task's deadline (POST /tasks/:id/extend) with a reason kept on the timeline. Shown on
 * the case view to `supervisor` and `manager` for their own agency's open tasks, which is where an escalation
 * notification leads.
 */
export function ExtendDeadline({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const { t } = useI18n();
  const uid = useId();
  const [dueAt, setDueAt] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const at = dueAt ? new Date(dueAt) : null;
    if (!at || Number.isNaN(at.getTime())) next.dueAt = t('validation.required');
    else if (at.getTime() <= Date.now()) next.dueAt = t('extend.future');
    if (!reason.trim()) next.reason = t('validation.required');
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      await api(`/tasks/${taskId}/extend`, {
        method: 'POST',
        body: { dueAt: at!.toISOString(), reason },
        repeatSafe: true,
      });
      setDueAt('');
      setReason('');
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        setErrors(Object.fromEntries(err.fields.map((f) => [f.field === 'reason' ? 'reason' : 'dueAt', f.reason])));
      } else {
        setErrors({
          form:
            err instanceof ApiError ? t('error.api', { status: err.status, message: err.message }) : t('error.network'),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const described = (name: string) => (errors[name] ? `${uid}-${name}-error` : undefined);
  return (
    <details className="extend">
      <summary>{t('extend.title')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors.form && <p role="alert">{errors.form}</p>}
        <div className={`field${errors.dueAt ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-dueAt`}>{t('extend.dueAt')}</label>
          <input
            id={`${uid}-dueAt`}
            type="datetime-local"
            value={dueAt}
            onChange={(e) => setDueAt(e.target.value)}
            aria-invalid={errors.dueAt ? true : undefined}
            aria-describedby={described('dueAt')}
          />
          {errors.dueAt && (
            <span className="error" id={`${uid}-dueAt-error`} role="alert">
              {errors.dueAt}
            </span>
          )}
        </div>
        <div className={`field${errors.reason ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-reason`}>{t('extend.reason')}</label>
          <textarea
            id={`${uid}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={described('reason')}
          />
          {errors.reason && (
            <span className="error" id={`${uid}-reason-error`} role="alert">
              {errors.reason}
            </span>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {t('extend.submit')}
        </button>
      </form>
    </details>
  );
}
