import { useEffect, useState } from 'react';
import { api, ApiError, qs, type CaseSummary, type SopSummary } from '../api';
import { usePagedList } from '../components/paged';
import { SopSelect } from '../components/SopSelect';
import { TableWrap } from '../components/TableWrap';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { caseRef } from './inbox-model';
import { humanize } from './StartCase';

/** Cases per page; "Show more" loads the next page (newest first, as the API orders them). */
export const CASES_PAGE = 100;

const caseIdOf = (c: CaseSummary) => c.caseId;

/**
 * The cases the caller's agency takes part in: how people without an open task (an event reporter, a manager)
 * reach a case.
 */
export function Cases() {
  const { t, sopLabel, formatDate } = useI18n();
  const [status, setStatus] = useState('open');
  const [sop, setSop] = useState('');
  const [sops, setSops] = useState<SopSummary[]>([]);
  const { items, more, loadingMore, loadFirst, loadMore } = usePagedList<CaseSummary>(CASES_PAGE, caseIdOf);
  const [error, setError] = useState<string | null>(null);
  // SOP titles from the list of SOPs this page reads anyway.
  const titles = { sop: (id: string) => sopLabel(`${id}.title`, sops.find((s) => s.id === id)?.title ?? id) };
  const page = (offset: number) =>
    api<{ items: CaseSummary[] }>(
      `/cases${qs({ status: status || undefined, sop: sop || undefined, limit: String(CASES_PAGE), offset: offset ? String(offset) : undefined })}`,
    );
  const fail = (e: unknown) =>
    setError(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'));

  useEffect(() => {
    api<{ items: SopSummary[] }>('/sops').then(
      (r) => setSops(r.items),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    void loadFirst(page(0), fail, true);
  }, [status, sop, t]);
  const showMore = () => void loadMore(page(items?.length ?? 0), fail);

  const statusText = (s: string) =>
    s === 'open'
      ? t('case.status.open')
      : s === 'completed'
        ? t('case.status.completed')
        : s === 'cancelled'
          ? t('case.status.cancelled')
          : s;
  return (
    <section>
      <h1>{t('nav.cases')}</h1>
      <form className="filters" aria-label={t('cases.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cases-status">{t('case.status')}</label>
          <select id="cases-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('cases.allStatuses')}</option>
            {['open', 'completed', 'cancelled'].map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
        </div>
        <SopSelect
          id="cases-sop"
          label={t('inbox.filterSop')}
          emptyLabel={t('inbox.allSops')}
          value={sop}
          sops={sops}
          onChange={setSop}
        />
      </form>
      {error && <p role="alert">{error}</p>}
      {items === null && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('cases.empty')}</p>}
      {items && items.length > 0 && (
        <TableWrap label={t('nav.cases')}>
          <table>
            <caption className="visually-hidden">{t('nav.cases')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.col.case')}</th>
                <th scope="col">{t('inbox.col.sop')}</th>
                <th scope="col">{t('case.status')}</th>
                <th scope="col">{t('case.opened')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.caseId}>
                  <td>
                    <Link to={`/cases/${c.caseId}`} aria-label={t('inbox.openCase', { ref: caseRef(c.caseId) })}>
                      {caseRef(c.caseId)}
                    </Link>
                  </td>
                  <td>{titles.sop(c.sop)}</td>
                  <td>
                    {statusText(c.status)}
                    {c.endState ? ` · ${sopLabel(`${c.sop}.end.${c.endState}`, humanize(c.endState))}` : ''}
                  </td>
                  <td>{formatDate(c.openedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {items && more && (
        <button type="button" className="secondary" onClick={showMore} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('cases.more', { n: CASES_PAGE })}
        </button>
      )}
    </section>
  );
}
