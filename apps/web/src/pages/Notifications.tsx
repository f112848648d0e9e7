import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type Notification } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { caseRef } from './inbox-model';

export function Notifications({ onChange }: { onChange: () => void }) {
  const { t, sopLabel, formatDate } = useI18n();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<{ items: Notification[] }>('/notifications?limit=100').then(
      (r) => setItems(r.items),
      (e) =>
        setError(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network')),
    );
  }, [t]);
  useEffect(() => load(), [load]);

  const markRead = async (n: Notification) => {
    await api(`/notifications/${n.id}/read`, { method: 'POST' });
    load();
    onChange();
  };
  const kind = (k: string) =>
    k === 'reminder'
      ? t('notifications.reminder')
      : k === 'escalation'
        ? t('notifications.escalation')
        : k === 'deadline-extended'
          ? t('notifications.extended')
          : k;

  return (
    <section>
      <div className="page-head">
        <h1>{t('nav.notifications')}</h1>
        <button type="button" onClick={load}>
          {t('common.refresh')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {items === null && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('notifications.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'}>
              <strong>{kind(n.kind)}</strong> — {n.sop && n.step ? sopLabel(`${n.sop}.${n.step}`, n.step) : ''}{' '}
              {n.caseId && <Link to={`/cases/${n.caseId}`}>{t('inbox.openCase', { ref: caseRef(n.caseId) })}</Link>} ·{' '}
              {formatDate(n.createdAt)}{' '}
              {!n.read && (
                <button type="button" className="secondary" onClick={() => void markRead(n)}>
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
