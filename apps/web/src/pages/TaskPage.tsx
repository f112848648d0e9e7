import { loadSop } from '../components/sop-titles';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type CaseDetail, type SopDescription, type Task } from '../api';
import { SchemaForm } from '../forms/SchemaForm';
import { PageHead } from '../components/PageHead';
import { useNames } from '../directory';
import { setFlash } from '../flash';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import type { Session } from '../session';
import { SourceNote } from '../components/SourceNote';
import { caseRef } from './inbox-model';
import { Participants } from './Participants';
import { RecordFields, useRecordText } from './case-parts';
import { TimelineList } from './Timeline';
import { useLiveReload } from '../components/live';

/**
 * One task, the form first: what the step asks, and beside it what the person needs to answer it (the case, who
 * else is on it, the deadline, what happened to this step before). Completing it leads back to the inbox, which
 * says what was done.
 */
export function TaskPage({ caseId, taskId, session }: { caseId: string; taskId: string; session: Session }) {
  const { t, sopLabel, formatDate } = useI18n();
  const names = useNames();
  const [kase, setKase] = useState<CaseDetail | null>(null);
  const [sop, setSop] = useState<SopDescription | null>(null);
  const [task, setTask] = useState<Task | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = useRef(false);
  // Opening an unclaimed task claims it once (colleagues then see someone is on it); the notice offers to undo that.
  const autoClaim = useRef(true);
  const [undo, setUndo] = useState(false);
  const text = useRecordText(sop ?? undefined, sop?.id ?? '');

  const load = useCallback(async () => {
    try {
      const k = await api<CaseDetail>(`/cases/${caseId}`);
      const [s, tasks] = await Promise.all([
        loadSop(k.sop),
        api<{ items: Task[] }>(`/tasks?caseId=${caseId}&limit=200`),
      ]);
      if (done.current) return;
      setKase(k);
      setSop(s);
      setTask(tasks.items.find((x) => x.taskId === taskId) ?? null);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404
          ? t('case.notFound')
          : e instanceof ApiError
            ? t('error.api', { status: e.status, message: e.message })
            : t('error.network'),
      );
    }
  }, [caseId, taskId, t]);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveReload(() => void load());
  useEffect(() => {
    if (!task || task.claimedBy || task.status !== 'open' || !autoClaim.current) return;
    autoClaim.current = false;
    void (async () => {
      try {
        await api(`/tasks/${task.taskId}/claim`, { method: 'POST' });
        setNotice(t('task.autoClaimed'));
        setUndo(true);
        await load();
      } catch {
        // Someone else was quicker, or the task closed meanwhile: the page shows it after the next load.
        await load();
      }
    })();
  }, [task, load, t]);

  if (error)
    return (
      <p role="alert" data-testid="task-error">
        {error}
      </p>
    );
  if (!kase || !sop || task === undefined) return <p role="status">{t('common.loading')}</p>;

  const stepOf = (id: string) => sop.steps.find((s) => s.id === id);
  const stepTitle = (id: string | null) => (id ? sopLabel(`${sop.id}.${id}`, stepOf(id)?.title ?? id) : '');
  const caseLink = (
    <Link to={`/cases/${caseId}`} data-testid="task-case-link">
      {t('task.openCase', { ref: caseRef(caseId) })}
    </Link>
  );
  if (task === null)
    return (
      <section>
        <h1>{t('task.gone')}</h1>
        <p>{caseLink}</p>
        <p>
          <Link to="/">{t('task.backToInbox')}</Link>
        </p>
      </section>
    );

  const step = stepOf(task.step);
  const title = `${stepTitle(task.step)}${task.subject ? ` · ${task.subject}` : ''}`;
  const heldByOther = !!task.claimedBy && task.claimedBy !== session.sub;
  const history = kase.timeline.filter(
    (e) =>
      e.step === task.step && (!task.subject || e.detail.subject === undefined || e.detail.subject === task.subject),
  );
  const earlier = Object.values(kase.compartments ?? {})
    .flat()
    .filter((r) => r.step === task.step && r.source !== 'intake' && (!task.subject || r.subject === task.subject));

  const claim = async () => {
    try {
      await api(`/tasks/${task.taskId}/claim`, { method: 'POST' });
      setNotice(t('inbox.claimed'));
      await load();
    } catch (e) {
      setNotice(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'));
    }
  };

  const release = async () => {
    try {
      await api(`/tasks/${task.taskId}/release`, { method: 'POST', repeatSafe: true });
      setUndo(false);
      setNotice(t('handover.released'));
      await load();
    } catch (e) {
      setNotice(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'));
    }
  };

  const complete = async (form: Record<string, unknown>) => {
    try {
      await api(`/tasks/${task.taskId}/complete`, { method: 'POST', body: { form }, repeatSafe: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'consent_required')
        throw new ApiError(e.status, e.code, t('case.consentRequired'));
      throw e;
    }
    done.current = true;
    setFlash({ key: 'task.done', params: { step: title, ref: caseRef(caseId) }, caseId });
    navigate('/');
  };

  const description = step?.description ? sopLabel(`${sop.id}.describe.${step.id}`, step.description) : '';
  return (
    <article className="task-page" data-step={task.step}>
      <PageHead title={title} onRefresh={() => void load()} />
      <p className="crumbs">
        <Link to="/">{t('task.backToInbox')}</Link> · {caseLink}
      </p>
      <p role="status" aria-live="polite" className={notice ? 'notice' : 'visually-hidden'}>
        {notice}{' '}
        {undo && task.claimedBy === session.sub && (
          <button type="button" className="secondary" onClick={() => void release()}>
            {t('task.undoClaim')}
          </button>
        )}
      </p>
      <div className="task-layout">
        <section className="task-main task-card" aria-labelledby="task-form-h" data-step={task.step}>
          <h2 id="task-form-h">{t('task.form')}</h2>
          {description && <SourceNote text={description} />}
          {heldByOther && <p className="notice">{t('task.heldByColleague')}</p>}
          {step && (
            <SchemaForm
              schema={step.form}
              labelPrefix={`${sop.id}.${task.step}`}
              submitLabel={t('case.complete')}
              onSubmit={complete}
              disabled={heldByOther}
            />
          )}
        </section>
        <aside className="task-context" aria-labelledby="task-context-h">
          <h2 id="task-context-h">{t('task.context')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('task.procedure')}</dt>
              <dd>{sopLabel(`${sop.id}.title`, sop.title)}</dd>
            </div>
            <div>
              <dt>{t('inbox.col.due')}</dt>
              <dd data-testid="task-due">
                {formatDate(task.dueAt)} {task.overdue && <strong className="tag overdue">{t('inbox.overdue')}</strong>}
              </dd>
            </div>
            {task.deadline && (
              <div>
                <dt>{t('task.dataDeadline')}</dt>
                <dd data-testid="task-data-deadline">
                  {sop.dataDeadlines?.find((d) => d.id === task.deadline!.id)?.label ?? task.deadline.id}:{' '}
                  {formatDate(task.deadline.at)}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('inbox.col.opened')}</dt>
              <dd>{formatDate(task.openedAt)}</dd>
            </div>
            <div>
              <dt>{t('task.holder')}</dt>
              <dd data-testid="task-holder">
                {task.claimedBy
                  ? task.claimedBy === session.sub
                    ? t('inbox.claimedByYou')
                    : t('inbox.claimedBy', { who: task.claimedBy })
                  : t('task.unclaimed')}{' '}
                {task.claimedBy === session.sub && (
                  <button type="button" className="secondary" onClick={() => void release()}>
                    {t('task.release')}
                  </button>
                )}
                {!task.claimedBy && (
                  <button type="button" className="secondary" onClick={() => void claim()}>
                    {t('task.claim')}
                  </button>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('task.team')}</dt>
              <dd>
                {names.agency(task.agencyId)} · {names.roles(task.roles)}
              </dd>
            </div>
          </dl>
          <Participants kase={kase} sop={sop} />
          <h3>{t('task.earlier')}</h3>
          {earlier.length === 0 && history.length <= 1 && <p>{t('task.firstRound')}</p>}
          {earlier.map((r, i) => (
            <div key={i} className="record" data-testid="earlier-record">
              <p className="meta">
                {t('task.answersOf', { at: formatDate(r.recordedAt), agency: names.agency(r.agencyId) })}
              </p>
              <RecordFields record={r} text={text} />
            </div>
          ))}
          {history.length > 1 && <TimelineList entries={history} sop={sop} stepTitle={stepTitle} />}
        </aside>
      </div>
    </article>
  );
}
