import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, qs, type Notification } from '../api';
import { usePagedList } from '../components/paged';
import { PageHead } from '../components/PageHead';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { caseRef } from './inbox-model';
import { incomingPath } from './IncomingReferrals';
import { reasonText, referralRef } from './referral-model';
import { useSopTitles } from '../components/sop-titles';

/** Notifications asked for at a time, newest first; "Show more" fetches the next, older ones. */
export const NOTIFICATIONS_PAGE = 100;

const page = (offset: number) =>
  api<{ items: Notification[] }>(
    `/notifications${qs({ limit: String(NOTIFICATIONS_PAGE), offset: offset ? String(offset) : undefined })}`,
  );

const notificationIdOf = (n: Notification) => n.id;

type T = ReturnType<typeof useI18n>['t'];
/** Every kind of notice the API sends, in words (an unknown kind from a newer API reads as its id, spaced). */
const KINDS: Record<string, Parameters<T>[0]> = {
  reminder: 'notifications.reminder',
  escalation: 'notifications.escalation',
  'deadline-extended': 'notifications.extended',
  'consent-withdrawn': 'notifications.consentWithdrawn',
  'case-cancelled': 'notifications.caseCancelled',
  'waiting-for-consent': 'notifications.waitingForConsent',
  'participant-joined': 'notifications.participantJoined',
  'participant-left': 'notifications.participantLeft',
  'task-assigned': 'notifications.taskAssigned',
  'task-arrived': 'notifications.taskArrived',
  'break-glass': 'notifications.breakGlass',
  'referral-no-ack': 'notifications.referralNoAck',
  'referral-no-decision': 'notifications.referralNoDecision',
  'referral-refused': 'notifications.referralRefused',
  'referral-decision': 'notifications.referralDecision',
  'referral-status': 'notifications.referralStatus',
  'referral-withdrawn': 'notifications.referralWithdrawn',
  'referral-received': 'notifications.referralReceived',
};

/** A partner's decision or status, when the notice names which: the news itself rather than its kind. */
const NEWS = {
  accepted: 'notifications.referralAccepted',
  declined: 'notifications.referralDeclined',
  'person-arrived': 'notifications.referralArrived',
  closed: 'notifications.referralClosed',
} as const satisfies Record<string, Parameters<T>[0]>;

function referralNews(n: Notification): keyof typeof NEWS | undefined {
  const news =
    n.kind === 'referral-decision' ? n.detail?.decision : n.kind === 'referral-status' ? n.detail?.status : undefined;
  return typeof news === 'string' && news in NEWS ? (news as keyof typeof NEWS) : undefined;
}

export function Notifications({ onChange }: { onChange: () => void }) {
  const { t, formatDate } = useI18n();
  const { items, setItems, more, loadFirst, loadMore } = usePagedList<Notification>(
    NOTIFICATIONS_PAGE,
    notificationIdOf,
  );
  const [error, setError] = useState<string | null>(null);
  const titles = useSopTitles(items?.map((n) => n.sop) ?? []);
  const fail = useCallback(
    (e: unknown) =>
      setError(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network')),
    [t],
  );
  const load = useCallback(() => {
    setError(null);
    void loadFirst(page(0), fail);
  }, [fail, loadFirst]);
  useEffect(() => load(), [load]);
  const showMore = () => void loadMore(page(items?.length ?? 0), fail);

  // Marked in place: the pages already shown stay as they are.
  const markRead = async (n: Notification) => {
    try {
      await api(`/notifications/${n.id}/read`, { method: 'POST' });
      setItems((old) => old?.map((o) => (o.id === n.id ? { ...o, read: true } : o)) ?? null);
      onChange();
    } catch (e) {
      fail(e);
    }
  };
  const kind = (n: Notification) => {
    const specific = referralNews(n);
    if (specific)
      return specific === 'declined' && typeof n.detail?.reason === 'string'
        ? `${t(NEWS[specific])} (${t('referral.declinedFor', { reason: reasonText(t, n.detail.reason) })})`
        : t(NEWS[specific]);
    return KINDS[n.kind] ? t(KINDS[n.kind]) : n.kind.replace(/-/g, ' ');
  };

  return (
    <section>
      <PageHead title={t('nav.notifications')} onRefresh={load} />
      {error && <p role="alert">{error}</p>}
      {items === null && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('notifications.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'}>
              <strong>{kind(n)}</strong> — {n.sop && n.step ? titles.step(n.sop, n.step) : ''}{' '}
              {n.caseId && <Link to={`/cases/${n.caseId}`}>{t('inbox.openCase', { ref: caseRef(n.caseId) })}</Link>}
              {!n.caseId && typeof n.detail?.referralId === 'string' && (
                <Link to={incomingPath(n.detail.referralId)}>
                  {t('incoming.open', { ref: referralRef(n.detail.referralId) })}
                </Link>
              )}{' '}
              · {formatDate(n.createdAt)}{' '}
              {!n.read && (
                <button type="button" className="secondary" onClick={() => void markRead(n)}>
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" className="secondary" onClick={showMore}>
          {t('cases.more', { n: NOTIFICATIONS_PAGE })}
        </button>
      )}
    </section>
  );
}
