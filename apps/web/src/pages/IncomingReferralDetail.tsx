import { useCallback, useEffect, useId, useState } from 'react';
import { api, ApiError, type CompartmentRecord, type SopDescription } from '../api';
import { loadSop } from '../components/sop-titles';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { Link } from '../router';
import { RecordFields, useRecordText } from './case-parts';
import { caseRef } from './inbox-model';
import {
  DECLINE_REASONS,
  incomingStateText,
  reasonText,
  referralRef,
  scopeText,
  type IncomingReferral,
} from './referral-model';

/**
 * One received referral (`GET /referrals/incoming/:id`): who sent it under which consent, the packet's fields labelled
 * from the receiving SOP's intake, and what the agency can do next: accept or decline (with a reason code) while it
 * waits, then tell the sender the person arrived or the referral is closed.
 */
export function IncomingReferralDetail({
  id,
  sopTitle,
  from,
  onChanged,
}: {
  id: string;
  sopTitle: (sop: string) => string;
  /** Who sent it, in words: the agency at the partner's registered name. */
  from: (r: IncomingReferral) => string;
  onChanged: () => void;
}) {
  const { t, formatDate } = useI18n();
  const uid = useId();
  const [view, setView] = useState<IncomingReferral | null>(null);
  const [sop, setSop] = useState<SopDescription | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const text = useRecordText(sop, view?.sop ?? '');

  const failed = useCallback(
    (e: unknown) =>
      setError(
        e instanceof ApiError && e.status === 404
          ? t('incoming.notFound')
          : e instanceof ApiError
            ? t('error.api', { status: e.status, message: e.message })
            : t('error.network'),
      ),
    [t],
  );

  const load = useCallback(() => {
    api<IncomingReferral>(`/referrals/incoming/${id}`).then((v) => {
      setView(v);
      setError(null);
    }, failed);
  }, [id, failed]);
  useEffect(load, [load]);
  useEffect(() => {
    if (view?.sop) loadSop(view.sop).then(setSop, () => setSop(undefined));
  }, [view?.sop]);

  const post = async (path: string, body: Record<string, string>, done: MessageKey) => {
    setBusy(true);
    setError(null);
    try {
      const v = await api<IncomingReferral>(`/referrals/incoming/${id}/${path}`, {
        method: 'POST',
        body,
        repeatSafe: true,
      });
      setView((old) => ({ ...(old ?? v), ...v, fields: 'fields' in v ? v.fields : old?.fields }));
      setNotice(done);
      load();
      onChanged();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const decline = () => {
    if (!reason) return setReasonError(t('incoming.reasonRequired'));
    setReasonError(null);
    void post('decision', { decision: 'declined', reason }, 'incoming.declined');
  };

  if (!view) return error ? <p role="alert">{error}</p> : <p role="status">{t('common.loading')}</p>;

  const record: CompartmentRecord = {
    step: 'intake',
    subject: null,
    source: 'intake',
    agencyId: view.from.agency,
    recordedAt: view.receivedAt,
    data: view.fields ?? {},
  };

  return (
    <section aria-labelledby={`${uid}-h`} className="incoming-detail" data-state={view.state}>
      <h2 id={`${uid}-h`}>{t('incoming.heading', { ref: referralRef(view.referralId) })}</h2>
      <p role="status" aria-live="polite" className={notice ? 'notice' : 'visually-hidden'}>
        {notice && t(notice)}
      </p>
      {error && <p role="alert">{error}</p>}
      <dl className="facts">
        <div>
          <dt>{t('incoming.col.from')}</dt>
          <dd data-testid="incoming-from">{from(view)}</dd>
        </div>
        <div>
          <dt>{t('incoming.col.sop')}</dt>
          <dd>{sopTitle(view.sop)}</dd>
        </div>
        <div>
          <dt>{t('referral.personCode')}</dt>
          <dd>{view.personCode}</dd>
        </div>
        <div>
          <dt>{t('incoming.col.state')}</dt>
          <dd data-testid="incoming-state">
            {incomingStateText(t, view.state)}
            {view.state === 'declined' &&
              view.declineReason &&
              ` — ${t('referral.declinedFor', { reason: reasonText(t, view.declineReason) })}`}
          </dd>
        </div>
        {view.state === 'received' && (
          <div>
            <dt>{t('incoming.col.due')}</dt>
            <dd>
              {formatDate(view.decisionDueAt)}{' '}
              {view.decisionOverdue && <strong className="tag overdue">{t('incoming.overdue')}</strong>}
            </dd>
          </div>
        )}
        {view.consent && (
          <div>
            <dt>{t('incoming.consent')}</dt>
            <dd>
              {t(view.consent.validUntil ? 'incoming.consentUntil' : 'incoming.consentText', {
                purpose: t(`consent.purpose.${view.consent.purpose}` as MessageKey),
                scope: scopeText(t, view.consent.scope),
                until: formatDate(view.consent.validUntil),
              })}
            </dd>
          </div>
        )}
      </dl>
      {view.caseId && (
        <p className="notice">
          <Link to={`/cases/${view.caseId}`} data-testid="incoming-case">
            {t('incoming.openCase', { ref: caseRef(view.caseId) })}
          </Link>
        </p>
      )}

      <h3>{t('incoming.fields')}</h3>
      {view.fields ? <RecordFields record={record} text={text} /> : <p>{t('incoming.fieldsGone')}</p>}

      {view.state === 'received' && (
        <div className="decide" role="group" aria-label={t('incoming.decide')}>
          <button
            type="button"
            disabled={busy}
            onClick={() => void post('decision', { decision: 'accepted' }, 'incoming.accepted')}
          >
            {t('incoming.accept')}
          </button>
          <div className={`field${reasonError ? ' invalid' : ''}`}>
            <label htmlFor={`${uid}-reason`}>{t('incoming.reason')}</label>
            <select
              id={`${uid}-reason`}
              value={reason}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${uid}-reason-error` : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(null);
              }}
            >
              <option value="">{t('form.choose')}</option>
              {DECLINE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {reasonText(t, r)}
                </option>
              ))}
            </select>
            {reasonError && (
              <span className="error" id={`${uid}-reason-error`} role="alert">
                {reasonError}
              </span>
            )}
          </div>
          <button type="button" className="danger" disabled={busy} onClick={decline}>
            {t('incoming.decline')}
          </button>
        </div>
      )}
      {(view.state === 'accepted' || view.state === 'person-arrived') && (
        <div className="decide" role="group" aria-label={t('incoming.tellSender')}>
          {view.state === 'accepted' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void post('status', { status: 'person-arrived' }, 'incoming.statusSent')}
            >
              {t('incoming.arrived')}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void post('status', { status: 'closed' }, 'incoming.statusSent')}
          >
            {t('incoming.closed')}
          </button>
        </div>
      )}

      {view.history.length > 0 && (
        <>
          <h3>{t('referral.history')}</h3>
          <ol className="referral-history">
            {view.history.map((h, i) => (
              <li key={i}>
                {t('referral.historyEntry', { state: incomingStateText(t, h.state), at: formatDate(h.at) })}
              </li>
            ))}
          </ol>
        </>
      )}
      <p>
        <Link to="/referrals">{t('incoming.back')}</Link>
      </p>
    </section>
  );
}
