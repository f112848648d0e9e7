import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError, type CaseSummary } from '../api';
import { useSopTitles } from '../components/sop-titles';
import { useI18n } from '../i18n';

const RELATIONS = ['same-operation', 'same-family', 'follow-on'] as const;

/**
 * For the lead agency's coordinator: link this case by hand to another case of the agency (POST /cases/:id/links),
 * chosen from its open cases by SOP, opening date and reference. The server's reasons show next to the fields.
 */
export function LinkCase({ caseId, onLinked }: { caseId: string; onLinked: () => void }) {
  const { t, formatDate } = useI18n();
  const uid = useId();
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [other, setOther] = useState('');
  const [relation, setRelation] = useState<(typeof RELATIONS)[number]>('same-operation');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const titles = useSopTitles(cases.map((c) => c.sop));

  useEffect(() => {
    api<{ items: CaseSummary[] }>('/cases?status=open&limit=100')
      .then((r) => setCases(r.items.filter((c) => c.caseId !== caseId)))
      .catch(() => setCases([]));
  }, [caseId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!other) return setErrors({ caseId: t('validation.required') });
    setErrors({});
    setBusy(true);
    try {
      await api(`/cases/${caseId}/links`, { method: 'POST', body: { caseId: other, relation }, repeatSafe: true });
      setDone(true);
      setOther('');
      onLinked();
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

  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${uid}-${name}-e` } : {};
  const error = (name: string) =>
    errors[name] ? (
      <span className="error" id={`${uid}-${name}-e`} role="alert">
        {errors[name]}
      </span>
    ) : null;

  return (
    <details className="link-case" data-testid="link-case">
      <summary>{t('links.add')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={`field${errors.caseId ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-case`}>{t('links.other')}</label>
          <select id={`${uid}-case`} value={other} onChange={(e) => setOther(e.target.value)} {...invalid('caseId')}>
            <option value="">{t('form.choose')}</option>
            {cases.map((c) => (
              <option key={c.caseId} value={c.caseId}>
                {`${titles.sop(c.sop)} · ${formatDate(c.openedAt)} · ${c.caseId.slice(0, 8)}`}
              </option>
            ))}
          </select>
          {error('caseId')}
        </div>
        <div className={`field${errors.relation ? ' invalid' : ''}`}>
          <label htmlFor={`${uid}-relation`}>{t('links.relation')}</label>
          <select
            id={`${uid}-relation`}
            value={relation}
            onChange={(e) => setRelation(e.target.value as (typeof RELATIONS)[number])}
            {...invalid('relation')}
          >
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`links.${r}.outgoing`)}
              </option>
            ))}
          </select>
          {error('relation')}
        </div>
        {error('form')}
        <button type="submit" disabled={busy}>
          {t('links.submit')}
        </button>
        {done && (
          <p className="confirmation" role="status">
            {t('links.done')}
          </p>
        )}
      </form>
    </details>
  );
}
