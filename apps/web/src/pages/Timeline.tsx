import type { CaseDetail, SopDescription } from '../api';
import { useNames } from '../directory';
import { useI18n } from '../i18n';

type T = ReturnType<typeof useI18n>['t'];
const KNOWN: Record<string, Parameters<T>[0]> = {
  'case-opened': 'timeline.case-opened',
  'task-opened': 'timeline.task-opened',
  'task-completed': 'timeline.task-completed',
  'task-claimed': 'timeline.task-claimed',
  'task-released': 'timeline.task-released',
  'task-reassigned': 'timeline.task-reassigned',
  'task-reminder': 'timeline.task-reminder',
  'task-escalated': 'timeline.task-escalated',
  'deadline-extended': 'timeline.deadline-extended',
  'case-completed': 'timeline.case-completed',
  'case-cancelled': 'timeline.case-cancelled',
  'event-reported': 'timeline.event-reported',
  decision: 'timeline.decision',
  'person-branch-started': 'timeline.person-branch-started',
  'person-branch-ended': 'timeline.person-branch-ended',
  warning: 'timeline.warning',
  'waiting-for-consent': 'timeline.waiting-for-consent',
  'consent-received': 'timeline.consent-received',
  'referral-accepted': 'timeline.referral-accepted',
};

/** A timeline entry's kind in words; notes an SOP adds later read as their id until the catalogue names them. */
export function timelineKind(kind: string, t: T): string {
  return KNOWN[kind] ? t(KNOWN[kind]) : kind.replace(/-/g, ' ');
}

/** The case's timeline (or part of it), oldest first: what happened, to which step, by which agency. */
export function TimelineList({
  entries,
  sop,
  stepTitle,
}: {
  entries: CaseDetail['timeline'];
  sop: SopDescription;
  stepTitle: (id: string | null) => string;
}) {
  const { t, sopLabel, formatDate } = useI18n();
  const names = useNames();
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={i} data-kind={e.kind}>
          <time dateTime={e.at}>{formatDate(e.at)}</time> — {timelineKind(e.kind, t)}
          {e.step ? `: ${stepTitle(e.step)}` : ''}
          {e.kind === 'decision' && e.step && typeof e.detail.field === 'string' && e.detail.value !== undefined
            ? ` → ${sopLabel(`${sop.id}.${e.step}.${e.detail.field}.${String(e.detail.value)}`, String(e.detail.value).replace(/-/g, ' '))}`
            : ''}
          {typeof e.detail.subject === 'string' ? ` · ${e.detail.subject}` : ''}
          {typeof e.detail.reason === 'string' ? ` — ${e.detail.reason}` : ''}
          {e.agencyId ? ` (${names.agency(e.agencyId)})` : ''}
        </li>
      ))}
    </ol>
  );
}
