import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { PageHead } from '../components/PageHead';
import { useSopTitles } from '../components/sop-titles';
import { TableWrap } from '../components/TableWrap';
import { useLiveReload } from '../components/live';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { IncomingReferralDetail } from './IncomingReferralDetail';
import { incomingStateText, referralRef, type IncomingReferral, type Partner } from './referral-model';

/** The page of one received referral: ids only in the address. */
export const incomingPath = (id: string) => `/referrals/${id}`;

/**
 * Referrals received (`GET /referrals/incoming`): what partner deployments referred to the caller's agency, newest
 * first, with the decision target; the one in the address is shown below the list with its data and decisions.
 */
export function IncomingReferrals({ id }: { id?: string }) {
  const { t, formatDate } = useI18n();
  const [items, setItems] = useState<IncomingReferral[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [partners, setPartners] = useState<Partner[]>([]);
  const titles = useSopTitles((items ?? []).map((r) => r.sop));

  const load = useCallback(() => {
    api<{ items: IncomingReferral[] }>('/referrals/incoming').then(
      (r) => {
        setItems(Array.isArray(r.items) ? r.items : []);
        setError(null);
      },
      (e) =>
        setError(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network')),
    );
  }, [t]);
  useEffect(load, [load]);
  useLiveReload(load);
  // The partners' registered names, to say who sent a referral; without them (or for an unknown one) its id is shown.
  useEffect(() => {
    api<{ items: Partner[] }>('/referral/partners').then(
      (r) => setPartners(Array.isArray(r.items) ? r.items.filter((p) => typeof p?.id === 'string') : []),
      () => setPartners([]),
    );
  }, []);

  const from = (r: IncomingReferral) =>
    t('referral.to', {
      agency: r.from.agency,
      partner: partners.find((p) => p.id === r.from.deployment)?.name || r.from.deployment,
    });

  return (
    <section className="incoming-referrals">
      <PageHead title={t('incoming.title')} onRefresh={load} />
      <p className="hint">{t('incoming.hint')}</p>
      {error && <p role="alert">{error}</p>}
      {items === null ? (
        !error && <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('incoming.empty')}</p>
      ) : (
        <TableWrap label={t('incoming.caption')}>
          <table>
            <caption className="visually-hidden">{t('incoming.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incoming.col.ref')}</th>
                <th scope="col">{t('incoming.col.from')}</th>
                <th scope="col">{t('incoming.col.sop')}</th>
                <th scope="col">{t('incoming.col.state')}</th>
                <th scope="col">{t('incoming.col.received')}</th>
                <th scope="col">{t('incoming.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr
                  key={r.referralId}
                  data-referral={r.referralId}
                  className={`${r.decisionOverdue ? 'overdue' : ''}${r.referralId === id ? ' selected' : ''}`}
                  aria-current={r.referralId === id ? 'true' : undefined}
                >
                  <td>
                    <Link
                      to={incomingPath(r.referralId)}
                      aria-label={t('incoming.open', { ref: referralRef(r.referralId) })}
                    >
                      {referralRef(r.referralId)}
                    </Link>
                  </td>
                  <td>{from(r)}</td>
                  <td>{titles.sop(r.sop)}</td>
                  <td>{incomingStateText(t, r.state)}</td>
                  <td>{formatDate(r.receivedAt)}</td>
                  <td>
                    {r.state === 'received' ? formatDate(r.decisionDueAt) : '—'}
                    {r.state === 'received' && r.decisionOverdue && (
                      <>
                        {' '}
                        <strong className="tag overdue">{t('incoming.overdue')}</strong>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {id && <IncomingReferralDetail key={id} id={id} sopTitle={titles.sop} from={from} onChanged={load} />}
    </section>
  );
}
