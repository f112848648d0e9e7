import { useRef, useState, type KeyboardEvent } from 'react';
import type { CaseDetail, SopDescription } from '../api';
import { useNames } from '../directory';
import { useI18n } from '../i18n';
import { humanize } from './StartCase';
import { TimelineList } from './Timeline';

/** The person codes a case's work is split by (W1, W2…), in the order they first appear. */
export function subjectsOf(kase: Pick<CaseDetail, 'timeline' | 'openTasks' | 'compartments'>): string[] {
  const seen = new Set<string>();
  for (const e of kase.timeline) if (typeof e.detail.subject === 'string') seen.add(e.detail.subject);
  for (const o of kase.openTasks) if (o.subject) seen.add(o.subject);
  for (const records of Object.values(kase.compartments ?? {}))
    for (const r of records) if (r.subject) seen.add(r.subject);
  return [...seen];
}

/**
 * One tab per person of the case: their branch (started, ended and how), their open steps with deadlines, the
 * consents given for them and what happened to them. Tabs follow the ARIA pattern: arrow keys move between them.
 */
export function PersonTabs({
  kase,
  sop,
  stepTitle,
  consentsFor,
}: {
  kase: CaseDetail;
  sop: SopDescription;
  stepTitle: (id: string | null) => string;
  /** The consents recorded for a person, in words (the consents section lists them in full). */
  consentsFor?: (subject: string) => string[];
}) {
  const { t, sopLabel, formatDate } = useI18n();
  const names = useNames();
  const subjects = subjectsOf(kase);
  const [current, setCurrent] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  if (subjects.length === 0) return null;
  const index = Math.min(current, subjects.length - 1);
  const subject = subjects[index];
  const entries = kase.timeline.filter((e) => e.detail.subject === subject);
  const started = entries.find((e) => e.kind === 'person-branch-started');
  const ended = entries.find((e) => e.kind === 'person-branch-ended');
  const open = kase.openTasks.filter((o) => o.subject === subject);
  const consents = consentsFor?.(subject) ?? [];
  const onKey = (e: KeyboardEvent) => {
    const move = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!move) return;
    e.preventDefault();
    const next = (index + move + subjects.length) % subjects.length;
    setCurrent(next);
    tabs.current[next]?.focus();
  };
  return (
    <section aria-labelledby="persons-h" className="persons">
      <h2 id="persons-h">{t('person.title')}</h2>
      <div role="tablist" aria-label={t('person.title')} className="tabs" onKeyDown={onKey}>
        {subjects.map((s, i) => (
          <button
            key={s}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`person-tab-${s}`}
            aria-selected={i === index}
            aria-controls="person-panel"
            tabIndex={i === index ? 0 : -1}
            onClick={() => setCurrent(i)}
          >
            {t('person.tab', { code: s })}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="person-panel" aria-labelledby={`person-tab-${subject}`} tabIndex={0}>
        <dl className="facts">
          <div>
            <dt>{t('person.branch')}</dt>
            <dd data-testid="person-branch">
              {started ? t('person.started', { at: formatDate(started.at) }) : '—'}
              {ended ? ` · ${t('person.ended', { at: formatDate(ended.at) })}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('case.endState')}</dt>
            <dd>
              {ended && typeof ended.detail.endState === 'string'
                ? sopLabel(`${sop.id}.end.${ended.detail.endState}`, humanize(ended.detail.endState))
                : t('person.ongoing')}
            </dd>
          </div>
          <div>
            <dt>{t('person.deadlines')}</dt>
            <dd>
              {open.length === 0
                ? '—'
                : open.map((o, i) => (
                    <span key={i} className="deadline">
                      {stepTitle(o.step)} ({names.agency(o.agencyId)}) · {t('inbox.col.due')} {formatDate(o.dueAt)}
                    </span>
                  ))}
            </dd>
          </div>
          <div>
            <dt>{t('person.consents')}</dt>
            <dd>{consents.length ? consents.join('; ') : '—'}</dd>
          </div>
        </dl>
        {entries.length > 0 && <TimelineList entries={entries} sop={sop} stepTitle={stepTitle} />}
      </div>
    </section>
  );
}
