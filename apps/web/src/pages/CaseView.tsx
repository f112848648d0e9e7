import { loadSop } from '../components/sop-titles';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type CaseDetail, type SopDescription, type Task } from '../api';
import { SchemaForm } from '../forms/SchemaForm';
import { PageHead } from '../components/PageHead';
import { useI18n, type Params } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { DASHBOARD_ROLES, hasAnyRole, type Session } from '../session';
import { Compartments } from './case-parts';
import { Consents } from './Consents';
import { Notes } from './Notes';
import { CaseAction } from './CaseAction';
import { ExtendDeadline } from './ExtendDeadline';
import { HandOver } from './HandOver';
import { caseRef } from './inbox-model';
import { humanize } from './StartCase';
import { useLiveReload } from '../components/live';
import { SourceNote } from '../components/SourceNote';
import { useNames } from '../directory';
import { takeFlash } from '../flash';
import { Link } from '../router';
import { taskPath } from './Inbox';
import { Participants } from './Participants';
import { LinkedCases } from './LinkedCases';
import { BreakGlass } from './BreakGlass';
import { Referrals } from './Referrals';
import { PersonTabs } from './PersonTabs';
import { TimelineList } from './Timeline';

export function CaseView({ caseId, session }: { caseId: string; session: Session }) {
  const { t, sopLabel, formatDate } = useI18n();
  const names = useNames();
  const [kase, setKase] = useState<CaseDetail | null>(null);
  const [sop, setSop] = useState<SopDescription | null>(null);
  const [mine, setMine] = useState<Task[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Kept as a message key so a change of language re-words it.
  const [notice, setNotice] = useState<{ key: MessageKey; params?: Params } | null>(takeFlash);

  const load = useCallback(async () => {
    try {
      const k = await api<CaseDetail>(`/cases/${caseId}`);
      setKase(k);
      const [s, tasks] = await Promise.all([
        loadSop(k.sop),
        api<{ items: Task[] }>(`/tasks?caseId=${caseId}&limit=200`),
      ]);
      setSop(s);
      setMine(tasks.items);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404
          ? t('case.notFound')
          : e instanceof ApiError && e.code === 'case_erased'
            ? t('case.erased')
            : e instanceof ApiError
              ? t('error.api', { status: e.status, message: e.message })
              : t('error.network'),
      );
    }
  }, [caseId, t]);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveReload(() => void load());

  if (error)
    return (
      <p role="alert" data-testid="case-error">
        {error}
      </p>
    );
  if (!kase || !sop) return <p role="status">{t('common.loading')}</p>;

  const supervisor = hasAnyRole(session, DASHBOARD_ROLES);
  const stepOf = (id: string) => sop.steps.find((s) => s.id === id);
  const stepTitle = (id: string | null) => (id ? sopLabel(`${sop.id}.${id}`, stepOf(id)?.title ?? id) : '');
  const deadlineLabel = (id: string) =>
    kase.dataDeadlines?.find((d) => d.id === id)?.label ?? sop.dataDeadlines?.find((d) => d.id === id)?.label ?? id;
  // Events the caller may report: a reporter slot this case gave to the caller's agency, with one of the caller's roles.
  const events =
    kase.status === 'open'
      ? sop.events.filter((e) =>
          e.reporters.some(
            (r) => kase.participants[r.slot] === session.agency && r.roles.some((x) => session.roles.includes(x)),
          ),
        )
      : [];

  const claim = async (task: Task) => {
    try {
      await api(`/tasks/${task.taskId}/claim`, { method: 'POST' });
      setNotice({ key: 'inbox.claimed' });
      await load();
    } catch (e) {
      setNotice(
        e instanceof ApiError
          ? { key: 'error.api', params: { status: e.status, message: e.message } }
          : { key: 'error.network' },
      );
    }
  };

  const complete = (task: Task) => async (form: Record<string, unknown>) => {
    try {
      await api(`/tasks/${task.taskId}/complete`, {
        method: 'POST',
        body: { form },
        repeatSafe: true,
      });
    } catch (e) {
      // A consent this step shares under was withdrawn: say so in words, and show the gate below.
      if (e instanceof ApiError && e.code === 'consent_required') {
        void load();
        throw new ApiError(e.status, e.code, t('case.consentRequired'));
      }
      throw e;
    }
    setNotice({ key: 'case.completed', params: { step: task.step } });
    await load();
  };

  const report = (type: string) => async (data: Record<string, unknown>) => {
    await api(`/cases/${caseId}/events`, { method: 'POST', body: { type, data }, repeatSafe: true });
    setNotice({ key: 'case.eventReported' });
    await load();
  };

  const statusText =
    kase.status === 'open'
      ? t('case.status.open')
      : kase.status === 'completed'
        ? t('case.status.completed')
        : kase.status === 'cancelled'
          ? t('case.status.cancelled')
          : kase.status;

  return (
    <article>
      <PageHead
        title={`${t('case.heading', { ref: caseRef(kase.caseId) })} · ${sopLabel(`${sop.id}.title`, sop.title)}`}
        onRefresh={() => void load()}
      />
      <p role="status" aria-live="polite" className={notice ? 'notice' : 'visually-hidden'}>
        {notice &&
          t(
            notice.key,
            notice.key === 'case.completed' ? { step: stepTitle(String(notice.params!.step)) } : notice.params,
          )}
      </p>

      <section aria-labelledby="mytasks-h">
        <h2 id="mytasks-h">{t('case.myTasks')}</h2>
        {mine.length === 0 && <p>{t('case.noTasks')}</p>}
        {mine.map((task) => {
          const step = stepOf(task.step);
          return (
            <section
              key={task.taskId}
              className="task-card"
              aria-labelledby={`task-${task.taskId}`}
              data-step={task.step}
            >
              <h3 id={`task-${task.taskId}`}>
                {stepTitle(task.step)}
                {task.subject ? ` · ${task.subject}` : ''}
              </h3>
              <p className="meta">
                {t('inbox.col.due')}: {formatDate(task.dueAt)}{' '}
                {task.overdue && <strong className="tag overdue">{t('inbox.overdue')}</strong>}{' '}
                {task.deadline && (
                  <>
                    · {t('task.dataDeadline')}: {deadlineLabel(task.deadline.id)} {formatDate(task.deadline.at)}{' '}
                  </>
                )}
                {task.claimedBy
                  ? task.claimedBy === session.sub
                    ? t('inbox.claimedByYou')
                    : t('inbox.claimedBy', { who: task.claimedBy })
                  : ''}
              </p>
              {step?.description && <SourceNote text={sopLabel(`${sop.id}.describe.${step.id}`, step.description)} />}
              <p>
                <Link to={taskPath(task)}>{t('case.openTask')}</Link>
              </p>
              {!task.claimedBy && (
                <button type="button" className="secondary" onClick={() => void claim(task)}>
                  {t('inbox.claim')}
                </button>
              )}
              {step && (
                <SchemaForm
                  schema={step.form}
                  labelPrefix={`${sop.id}.${task.step}`}
                  submitLabel={t('case.complete')}
                  onSubmit={complete(task)}
                  disabled={!!task.claimedBy && task.claimedBy !== session.sub}
                />
              )}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="state-h">
        <h2 id="state-h">{t('case.state')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('case.status')}</dt>
            <dd data-testid="case-status">{statusText}</dd>
          </div>
          {kase.endState && (
            <div>
              <dt>{t('case.endState')}</dt>
              <dd>{sopLabel(`${sop.id}.end.${kase.endState}`, humanize(kase.endState))}</dd>
            </div>
          )}
          <div>
            <dt>{t('case.opened')}</dt>
            <dd>{formatDate(kase.openedAt)}</dd>
          </div>
          <div>
            <dt>{t('case.currentSteps')}</dt>
            <dd>{kase.state.currentSteps.length ? kase.state.currentSteps.map(stepTitle).join('; ') : '—'}</dd>
          </div>
        </dl>
        <Participants kase={kase} sop={sop} onChanged={() => void load()} />
        <LinkedCases kase={kase} onLinked={() => void load()} />
        {kase.openTasks.length > 0 && (
          <>
            <h3>{t('case.openTasks')}</h3>
            <ul>
              {kase.openTasks.map((o, i) => (
                <li key={i}>
                  {stepTitle(o.step)}
                  {o.subject ? ` · ${o.subject}` : ''} —{' '}
                  {t('case.heldBy', { agency: names.agency(o.agencyId), roles: names.roles(o.roles) })} ·{' '}
                  {t('inbox.col.due')}: {formatDate(o.dueAt)}
                  {o.deadline && (
                    <>
                      {' '}
                      · {t('task.dataDeadline')}: {deadlineLabel(o.deadline.id)} {formatDate(o.deadline.at)}
                    </>
                  )}
                  {supervisor && o.taskId && (
                    <ExtendDeadline
                      taskId={o.taskId}
                      onDone={() => {
                        setNotice({ key: 'case.extended' });
                        void load();
                      }}
                    />
                  )}
                  {supervisor && o.taskId && (
                    <HandOver
                      taskId={o.taskId}
                      onDone={(key) => {
                        setNotice({ key });
                        void load();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {(kase.dataDeadlines ?? []).length > 0 && (
          <>
            <h3>{t('case.dataDeadlines')}</h3>
            <ul data-testid="data-deadlines">
              {(kase.dataDeadlines ?? []).map((d) => (
                <li key={d.id}>
                  {d.label}:{' '}
                  {d.withheld
                    ? t('case.dataDeadlineWithheld', { compartment: d.withheld })
                    : d.at
                      ? formatDate(d.at)
                      : t('case.dataDeadlineUnknown')}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {/* Only the case-level actions the access policy grants this caller here (the API lists them). */}
      {kase.status === 'open' && kase.allowedActions.includes('case:cancel') && (
        <CaseAction
          caseId={kase.caseId}
          action="cancel"
          onDone={() => {
            setNotice({ key: 'case.cancelling' });
            void load();
          }}
        />
      )}
      {kase.allowedActions.includes('case:erase') && (
        <CaseAction
          caseId={kase.caseId}
          action="erase"
          onDone={() => {
            setKase(null);
            void load();
          }}
        />
      )}

      <PersonTabs
        kase={kase}
        sop={sop}
        stepTitle={stepTitle}
        consentsFor={(subject) =>
          (kase.waitingForConsent ?? [])
            .filter((w) => w.subject === subject)
            .map((w) => t('person.waitingConsent', { purpose: w.purpose.replace(/-/g, ' ') }))
        }
      />
      <Consents kase={kase} stepTitle={stepTitle} onChanged={() => void load()} />
      <BreakGlass kase={kase} agencyId={session.agency} onChanged={() => void load()} />
      <Referrals kase={kase} onChanged={() => void load()} />

      {events.length > 0 && (
        <section aria-labelledby="events-h">
          <h2 id="events-h">{t('case.events')}</h2>
          {events.map((e) => (
            <details key={e.type} className="event">
              <summary>{sopLabel(`${sop.id}.event.${e.type}`, e.title)}</summary>
              {e.description && <SourceNote text={e.description} />}
              <SchemaForm
                schema={e.form}
                labelPrefix={`${sop.id}.event.${e.type}`}
                submitLabel={t('case.report')}
                onSubmit={report(e.type)}
              />
            </details>
          ))}
        </section>
      )}

      <Compartments kase={kase} sop={sop} />
      {kase.status === 'open' && <Notes caseId={kase.caseId} sop={kase.sop} onDone={() => void load()} />}

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('case.timeline')}</h2>
        <TimelineList entries={kase.timeline} sop={sop} stepTitle={stepTitle} />
        {kase.escalations.length > 0 && (
          <>
            <h3>{t('case.escalations')}</h3>
            <ul>
              {kase.escalations.map((e, i) => (
                <li key={i}>
                  {stepTitle(e.step)} — {names.agency(e.agencyId)} · {formatDate(e.escalatedAt)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </article>
  );
}
