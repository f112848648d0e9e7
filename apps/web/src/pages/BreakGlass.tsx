import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError, type CaseDetail } from '../api';
import { useNames } from '../directory';
import { useI18n } from '../i18n';

export interface Grant {
  grantId: string;
  agencyId: string;
  grantedAt: string;
  expiresAt: string;
  endedAt: string | null;
  active: boolean;
  /** Only for the case's lead agency and the grant's own agency. */
  reason?: string;
}

const DURATIONS = [60, 240, 1440] as const;

/**
 * Break-glass in the case view (POST /cases/:id/break-glass): an agency that needs data consent withholds, because
 * someone is in danger now, opens a grant for a while with a reason; the lead agency is told at once. Every grant of
 * the case is listed; the lead or the holding agency ends a running one. docs/data-protection.md#break-glass.
 */
export function BreakGlass({
  kase,
  agencyId,
  onChanged,
}: {
  kase: Pick<CaseDetail, 'caseId' | 'status'>;
  agencyId: string;
  onChanged: () => void;
}) {
  const { t, formatDate } = useI18n();
  const names = useNames();
  const uid = useId();
  const [grants, setGrants] = useState<Grant[]>([]);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(240);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api<{ items: Grant[] }>(`/cases/${kase.caseId}/break-glass`)
      .then((r) => setGrants(Array.isArray(r.items) ? r.items : []))
      .catch(() => setGrants([]));
  }, [kase.caseId]);
  useEffect(load, [load]);

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.fields.length)
      setErrors(Object.fromEntries(err.fields.map((f) => [f.field, f.reason])));
    else
      setErrors({
        form:
          err instanceof ApiError ? t('error.api', { status: err.status, message: err.message }) : t('error.network'),
      });
  };

  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setErrors({ reason: t('validation.required') });
    setErrors({});
    setBusy(true);
    try {
      await api(`/cases/${kase.caseId}/break-glass`, { method: 'POST', body: { reason, minutes }, repeatSafe: true });
      setReason('');
      load();
      onChanged();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const end = async (grantId: string) => {
    try {
      await api(`/cases/${kase.caseId}/break-glass/${grantId}/end`, { method: 'POST', repeatSafe: true });
      load();
      onChanged();
    } catch (err) {
      failed(err);
    }
  };

  return (
    <section aria-labelledby={`${uid}-h`} className="break-glass">
      <h3 id={`${uid}-h`}>{t('breakGlass.title')}</h3>
      {grants.length === 0 ? (
        <p>{t('breakGlass.none')}</p>
      ) : (
        <ul>
          {grants.map((g) => (
            <li key={g.grantId} data-grant={g.grantId}>
              {t(g.active ? 'breakGlass.running' : 'breakGlass.ended', {
                agency: names.agency(g.agencyId),
                from: formatDate(g.grantedAt),
                until: formatDate(g.endedAt ?? g.expiresAt),
              })}
              {g.reason && <> · {g.reason}</>}
              {g.active && g.reason !== undefined && (
                <>
                  {' '}
                  <button type="button" onClick={() => void end(g.grantId)}>
                    {t('breakGlass.end')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {kase.status === 'open' && !grants.some((g) => g.active && g.agencyId === agencyId) && (
        <form aria-label={t('breakGlass.ask')} onSubmit={(e) => void open(e)} noValidate>
          <p className="hint">{t('breakGlass.hint')}</p>
          <label htmlFor={`${uid}-reason`}>{t('breakGlass.reason')}</label>
          <textarea
            id={`${uid}-reason`}
            value={reason}
            maxLength={500}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${uid}-reason-err` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {errors.reason && (
            <p id={`${uid}-reason-err`} className="error">
              {errors.reason}
            </p>
          )}
          <label htmlFor={`${uid}-minutes`}>{t('breakGlass.for')}</label>
          <select id={`${uid}-minutes`} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {t(`breakGlass.minutes.${m}`)}
              </option>
            ))}
          </select>
          {errors.minutes && <p className="error">{errors.minutes}</p>}
          <button type="submit" disabled={busy}>
            {t('breakGlass.open')}
          </button>
          {errors.form && (
            <p role="alert" className="error">
              {errors.form}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
