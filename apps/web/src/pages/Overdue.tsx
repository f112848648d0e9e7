import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, type Task } from '../api';
import { useLiveReload } from '../components/live';
import { useSopTitles } from '../components/sop-titles';
import { TableWrap } from '../components/TableWrap';
import { useNames } from '../directory';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { caseRef } from './inbox-model';

/**
 * "Overdue now": the agency's open tasks past their due date (`GET /tasks/overdue`), most overdue first, with who
 * holds each; filtered by procedure and step; each row leads to its case.
 */
export function Overdue() {
  const { t, formatDate } = useI18n();
  const names = useNames();
  const [items, setItems] = useState<Task[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sop, setSop] = useState('');
  const [step, setStep] = useState('');
  const titles = useSopTitles(items?.map((x) => x.sop) ?? []);

  const load = useCallback(() => {
    api<{ items: Task[] }>('/tasks/overdue?limit=200').then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e) =>
        setError(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network')),
    );
  }, [t]);
  useEffect(() => {
    load();
  }, [load]);
  useLiveReload(load, 15_000);

  const sops = useMemo(() => [...new Set((items ?? []).map((x) => x.sop))].sort(), [items]);
  const steps = useMemo(
    () => [...new Set((items ?? []).filter((x) => !sop || x.sop === sop).map((x) => `${x.sop}|${x.step}`))].sort(),
    [items, sop],
  );
  const rows = (items ?? []).filter((x) => (!sop || x.sop === sop) && (!step || `${x.sop}|${x.step}` === step));

  return (
    <section aria-labelledby="overdue-h" className="overdue-now" data-testid="overdue-now">
      <h2 id="overdue-h">{t('overdue.title')}</h2>
      <p className="hint">{t('overdue.intro')}</p>
      {error && <p role="alert">{error}</p>}
      {items && items.length > 0 && (
        <form className="filters" aria-label={t('overdue.filters')} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="overdue-sop">{t('overdue.sop')}</label>
            <select
              id="overdue-sop"
              value={sop}
              onChange={(e) => {
                setSop(e.target.value);
                setStep('');
              }}
            >
              <option value="">{t('overdue.all')}</option>
              {sops.map((s) => (
                <option key={s} value={s}>
                  {titles.sop(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="overdue-step">{t('overdue.step')}</label>
            <select id="overdue-step" value={step} onChange={(e) => setStep(e.target.value)}>
              <option value="">{t('overdue.all')}</option>
              {steps.map((k) => {
                const [s, st] = k.split('|');
                return (
                  <option key={k} value={k}>
                    {titles.step(s, st)}
                  </option>
                );
              })}
            </select>
          </div>
        </form>
      )}
      {items === null && !error && <p role="status">{t('common.loading')}</p>}
      {items && (
        <p role="status" aria-live="polite" data-testid="overdue-count">
          {rows.length === 0 ? t('overdue.empty') : t('overdue.count', { n: rows.length })}
        </p>
      )}
      {rows.length > 0 && (
        <TableWrap label={t('overdue.caption')}>
          <table>
            <caption className="visually-hidden">{t('overdue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overdue.col.step')}</th>
                <th scope="col">{t('overdue.col.case')}</th>
                <th scope="col">{t('overdue.col.due')}</th>
                <th scope="col">{t('overdue.col.holder')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.taskId} data-step={x.step} data-case={x.caseId}>
                  <td>
                    {titles.step(x.sop, x.step)}
                    {x.subject ? ` · ${x.subject}` : ''}
                    <br />
                    <span className="hint">{titles.sop(x.sop)}</span>
                  </td>
                  <td>
                    <Link
                      to={`/cases/${x.caseId}`}
                      aria-label={t('overdue.open', { ref: caseRef(x.caseId), step: titles.step(x.sop, x.step) })}
                    >
                      {caseRef(x.caseId)}
                    </Link>
                  </td>
                  <td>{formatDate(x.dueAt)}</td>
                  <td>
                    {x.claimedBy ?? t('overdue.unclaimed')}
                    <br />
                    <span className="hint">{names.roles(x.roles)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
