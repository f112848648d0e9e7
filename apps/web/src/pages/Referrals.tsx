import { useCallback, useEffect, useId, useState } from 'react';
import { api, ApiError, type CaseDetail } from '../api';
import { useSopTitles } from '../components/sop-titles';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { reasonText, stateText, type OutgoingReferral, type Partner } from './referral-model';
import { SendReferral } from './SendReferral';

/** What a referral's state says beyond its name: delivery attempts while sending, an overdue decision, a reason. */
function stateDetail(t: ReturnType<typeof useI18n>['t'], r: OutgoingReferral): string {
  if (r.state === 'sending' && r.attempts === 0 && !r.ackOverdue) return '';
  if (r.state === 'sending')
    return t(r.ackOverdue ? 'referral.sendingOverdue' : 'referral.sendingAttempts', { n: r.attempts });
  if (r.state === 'received' && r.decisionOverdue) return t('referral.decisionOverdue');
  if (r.state === 'declined' && r.declineReason)
    return t('referral.declinedFor', { reason: reasonText(t, r.declineReason) });
  return '';
}

/**
 * Referrals abroad in the case view (docs/referral-protocol.md): the case's referrals to partner deployments with
 * their state in words and its history, and, for an open case, a form to refer the person to a partner's agency.
 */
export function Referrals({ kase, onChanged }: { kase: Pick<CaseDetail, 'caseId' | 'status'>; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const uid = useId();
  const [items, setItems] = useState<OutgoingReferral[] | null>(null);
  const [partners, setPartners] = useState<Partner[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const titles = useSopTitles((items ?? []).map((r) => r.sop));

  const load = useCallback(async () => {
    try {
      const r = await api<{ items: OutgoingReferral[] }>(`/cases/${kase.caseId}/referrals`);
      setItems(Array.isArray(r.items) ? r.items : []);
      setLoadError(null);
    } catch (e) {
      setItems([]);
      setLoadError(
        e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'),
      );
    }
  }, [kase.caseId, t]);
  // The case view reloads `kase` after every change (and while it is shown); the list follows it.
  useEffect(() => {
    void load();
  }, [load, kase]);
  useEffect(() => {
    api<{ items: Partner[] }>('/referral/partners').then(
      // Only well-formed entries: an older API or a proxy's page answers something else.
      (r) => setPartners(Array.isArray(r.items) ? r.items.filter((p) => typeof p?.id === 'string') : []),
      () => setPartners([]),
    );
  }, []);

  const partnerName = (id: string) => partners.find((p) => p.id === id)?.name ?? id;

  return (
    <section aria-labelledby={`${uid}-h`} className="referrals">
      <h2 id={`${uid}-h`}>{t('referral.title')}</h2>
      <p role="status" aria-live="polite" className={notice ? 'notice' : 'visually-hidden'}>
        {notice && t(notice)}
      </p>
      {loadError && <p role="alert">{loadError}</p>}
      {items === null ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('referral.none')}</p>
      ) : (
        <ul className="referral-list">
          {items.map((r) => {
            const detail = stateDetail(t, r);
            return (
              <li key={r.referralId} data-referral={r.referralId} data-state={r.state}>
                <strong>{t('referral.to', { agency: r.agency, partner: partnerName(r.partner) })}</strong> ·{' '}
                {titles.sop(r.sop)} · {t('referral.person', { code: r.personCode })} ·{' '}
                {t('referral.sentAt', { at: formatDate(r.sentAt) })}
                <br />
                <span className={`referral-state${r.ackOverdue || r.decisionOverdue ? ' late' : ''}`}>
                  {stateText(t, r.state)}
                  {r.state === 'sending' && !detail && '…'}
                  {detail && ` — ${detail}`}
                </span>
                {r.history.length > 0 && (
                  <ol className="referral-history" aria-label={t('referral.history')}>
                    {r.history.map((h, i) => (
                      <li key={i}>
                        {t('referral.historyEntry', { state: stateText(t, h.state), at: formatDate(h.at) })}
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {kase.status === 'open' && (
        <SendReferral
          caseId={kase.caseId}
          kase={kase}
          partners={partners}
          onSent={() => {
            setNotice('referral.sent');
            void load();
            onChanged();
          }}
        />
      )}
    </section>
  );
}
