import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, type Task } from '../api';
import { useI18n } from '../i18n';
import { TableWrap } from '../components/TableWrap';
import { PageHead } from '../components/PageHead';
import { Link, navigate } from '../router';
import { takeFlash } from '../flash';
import { inboxSeenAt, markInboxSeen } from '../new-tasks';
import { useSopTitles } from '../components/sop-titles';
import { useLiveReload } from '../components/live';
import type { MessageKey } from '../i18n/en';
import type { Session } from '../session';
import { arrangeTasks, caseRef, EMPTY_FILTER, type InboxFilter, type SortKey } from './inbox-model';

/** The task page's address: ids only. */
export const taskPath = (x: Pick<Task, 'caseId' | 'taskId'>) => `/cases/${x.caseId}/tasks/${x.taskId}`;

export function InboxTable({
  tasks,
  session,
  onClaim,
  newSince = null,
}: {
  tasks: Task[];
  session: Session;
  onClaim: (t: Task) => void;
  /** Tasks opened after this time are marked new. */
  newSince?: string | null;
}) {
  const { t, sopLabel, formatDate } = useI18n();
  const [filter, setFilter] = useState<InboxFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<SortKey>('due');
  const [dir, setDir] = useState<'asc' | 'desc'>('asc');
  const title = useCallback((x: Task) => sopLabel(`${x.sop}.${x.step}`, x.title), [sopLabel]);
  const rows = useMemo(
    () => arrangeTasks(tasks, filter, sort, dir, session.sub, title),
    [tasks, filter, sort, dir, session.sub, title],
  );
  const sops = [...new Set(tasks.map((x) => x.sop))].sort();
  const titles = useSopTitles(sops);

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="sort"
        onClick={() => {
          if (sort === key) setDir(dir === 'asc' ? 'desc' : 'asc');
          else {
            setSort(key);
            setDir('asc');
          }
        }}
      >
        {label}
        <span aria-hidden="true">{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  return (
    <>
      <form className="filters" role="search" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="inbox-sop">{t('inbox.filterSop')}</label>
          <select id="inbox-sop" value={filter.sop} onChange={(e) => setFilter({ ...filter, sop: e.target.value })}>
            <option value="">{t('inbox.allSops')}</option>
            {sops.map((s) => (
              <option key={s} value={s}>
                {titles.sop(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-text">{t('inbox.filterText')}</label>
          <input
            id="inbox-text"
            type="search"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="inbox-claim">{t('inbox.filterClaim')}</label>
          <select
            id="inbox-claim"
            value={filter.claim}
            onChange={(e) => setFilter({ ...filter, claim: e.target.value as InboxFilter['claim'] })}
          >
            <option value="all">{t('inbox.claimAll')}</option>
            <option value="unclaimed">{t('inbox.claimUnclaimed')}</option>
            <option value="mine">{t('inbox.claimMine')}</option>
          </select>
        </div>
        <div className="field check">
          <input
            id="inbox-overdue"
            type="checkbox"
            checked={filter.overdueOnly}
            onChange={(e) => setFilter({ ...filter, overdueOnly: e.target.checked })}
          />
          <label htmlFor="inbox-overdue">{t('inbox.overdueOnly')}</label>
        </div>
      </form>
      <p role="status" aria-live="polite">
        {t('inbox.count', { shown: rows.length, total: tasks.length })}
      </p>
      <TableWrap label={t('inbox.caption')}>
        <table>
          <caption className="visually-hidden">{t('inbox.caption')}</caption>
          <thead>
            <tr>
              {header('sop', t('inbox.col.sop'))}
              {header('step', t('inbox.col.step'))}
              <th scope="col">{t('inbox.col.case')}</th>
              {header('opened', t('inbox.col.opened'))}
              {header('due', t('inbox.col.due'))}
              <th scope="col">{t('inbox.col.state')}</th>
              <th scope="col">{t('inbox.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr
                key={x.taskId}
                data-step={x.step}
                data-case={x.caseId}
                className={`task-row${x.overdue ? ' overdue' : ''}`}
                onClick={(e) => {
                  // The whole row opens the task; its own links and buttons keep their meaning.
                  if ((e.target as HTMLElement).closest('a, button')) return;
                  navigate(taskPath(x));
                }}
              >
                <td>{titles.sop(x.sop)}</td>
                <td>
                  <Link to={taskPath(x)} className="task-link" data-testid="open-task">
                    {title(x)}
                    {x.subject && <span className="subject"> · {x.subject}</span>}
                  </Link>
                </td>
                <td>
                  <Link to={`/cases/${x.caseId}`} aria-label={t('inbox.openCase', { ref: caseRef(x.caseId) })}>
                    {caseRef(x.caseId)}
                  </Link>
                </td>
                <td>{formatDate(x.openedAt)}</td>
                <td>
                  {formatDate(x.dueAt)}
                  {x.deadline && (
                    <span className="data-deadline" title={t('task.dataDeadline')}>
                      {' '}
                      · {t('task.dataDeadline')}: {formatDate(x.deadline.at)}
                    </span>
                  )}
                </td>
                <td>
                  {x.overdue ? (
                    <strong className="tag overdue">{t('inbox.overdue')}</strong>
                  ) : (
                    <span className="tag">{t('inbox.onTime')}</span>
                  )}
                  {newSince && Date.parse(x.openedAt) > Date.parse(newSince) && (
                    <strong className="tag new">{t('inbox.new')}</strong>
                  )}
                  {x.claimedBy && (
                    <span className="tag">
                      {x.claimedBy === session.sub
                        ? t('inbox.claimedByYou')
                        : t('inbox.claimedBy', { who: x.claimedBy })}
                    </span>
                  )}
                </td>
                <td>
                  {!x.claimedBy && (
                    <button
                      type="button"
                      onClick={() => onClaim(x)}
                      aria-label={t('inbox.claimTask', { step: title(x), ref: caseRef(x.caseId) })}
                    >
                      {t('inbox.claim')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {rows.length === 0 && <p>{tasks.length === 0 ? t('inbox.empty') : t('inbox.noneMatch')}</p>}
    </>
  );
}

/** The inbox loads the most urgent open tasks first (the API orders by due date); past this many it says so. */
export const INBOX_LIMIT = 200;

export function Inbox({ session }: { session: Session }) {
  const { t } = useI18n();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The confirmation a task page left on its way back (kept as a key so a change of language re-words it).
  const [flash] = useState(takeFlash);
  // Tasks that arrived since the last look are marked new; this look counts as seen.
  const [seenBefore] = useState(() => inboxSeenAt(session.sub));
  useEffect(() => {
    if (tasks) markInboxSeen(session.sub);
  }, [tasks, session.sub]);

  const load = useCallback(() => {
    api<{ items: Task[] }>(`/tasks?limit=${INBOX_LIMIT}`).then(
      (r) => setTasks(r.items),
      (e) =>
        setMessage(
          e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'),
        ),
    );
  }, [t]);
  useEffect(() => {
    load();
  }, [load]);
  useLiveReload(load);

  const claim = async (x: Task) => {
    try {
      await api(`/tasks/${x.taskId}/claim`, { method: 'POST' });
      setMessage(t('inbox.claimed'));
      load();
    } catch (e) {
      setMessage(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'));
    }
  };

  return (
    <section>
      <PageHead title={t('nav.inbox')} onRefresh={load} />
      <p
        role="status"
        aria-live="polite"
        className={message || flash ? 'notice' : 'visually-hidden'}
        data-testid="inbox-status"
      >
        {message ?? (flash ? t(flash.key as MessageKey, flash.params) : '')}
        {!message && flash?.caseId && (
          <>
            {' '}
            <Link to={`/cases/${flash.caseId}`}>{t('inbox.openCase', { ref: caseRef(flash.caseId) })}</Link>
          </>
        )}
      </p>
      {tasks === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          {tasks.length >= INBOX_LIMIT && (
            <p className="notice" data-testid="inbox-truncated">
              {t('inbox.truncated', { n: INBOX_LIMIT })}
            </p>
          )}
          <InboxTable tasks={tasks} session={session} onClaim={(task) => void claim(task)} newSince={seenBefore} />
        </>
      )}
    </section>
  );
}
