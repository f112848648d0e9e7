import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type CaseDetail, type Consent } from '../api';
import { TableWrap } from '../components/TableWrap';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { EMPTY_CONSENT, type ConsentDraft } from './consent-model';
import { RecordConsent } from './RecordConsent';
import { WithdrawConsent } from './WithdrawConsent';

type Waiting = NonNullable<CaseDetail['waitingForConsent']>[number];

/**
 * The case's consents: the steps held back for want of one (with a button that fills the form for it), the records
 * with their state and a withdrawal, and a form to record a new one. Agencies to share with are the case's own.
 */
export function Consents({
  kase,
  stepTitle,
  onChanged,
}: {
  kase: Pick<CaseDetail, 'caseId' | 'status' | 'participants' | 'waitingForConsent'>;
  stepTitle: (step: string) => string;
  onChanged: () => void;
}) {
  const { t, formatDate } = useI18n();
  const [items, setItems] = useState<Consent[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ConsentDraft | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const waiting = kase.waitingForConsent ?? [];
  const open = kase.status === 'open';

  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: Consent[] }>(`/cases/${kase.caseId}/consents`)).items);
      setLoadError(null);
    } catch (e) {
      setLoadError(
        e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'),
      );
    }
  }, [kase.caseId, t]);
  // The case view reloads `kase` after every change; the list follows it.
  useEffect(() => {
    void load();
  }, [load, kase]);

  const changed = (key: MessageKey) => {
    setNotice(key);
    void load();
    onChanged();
  };

  const agencies = [...new Set(Object.values(kase.participants))].sort();
  const fromWaiting = (w: Waiting): ConsentDraft => ({
    ...EMPTY_CONSENT,
    purpose: w.purpose,
    sharedWithAgency: w.sharedWithAgency ?? '',
    scope: [...w.scope],
  });

  return (
    <section aria-labelledby="consents-h" className="consents">
      <h2 id="consents-h">{t('consent.title')}</h2>
      <p role="status" aria-live="polite" className={notice ? 'notice' : 'visually-hidden'}>
        {notice && t(notice)}
      </p>
      {waiting.length > 0 && (
        <div className="waiting" role="region" aria-label={t('consent.waitingTitle')}>
          <h3>{t('consent.waitingTitle')}</h3>
          <ul>
            {waiting.map((w, i) => (
              <li key={`${w.step}-${i}`} data-waiting-step={w.step}>
                <strong>{stepTitle(w.step)}</strong>
                {w.subject ? ` · ${w.subject}` : ''}
                {' — '}
                {t('consent.waitingDetail', {
                  purpose: t(`consent.purpose.${w.purpose}` as MessageKey),
                  agency: w.sharedWithAgency ?? '—',
                  scope: w.scope.map((s) => t(`consent.scope.${s}` as MessageKey)).join(', '),
                  since: formatDate(w.since),
                })}{' '}
                {open && (
                  <button type="button" className="secondary" onClick={() => setDraft(fromWaiting(w))}>
                    {t('consent.recordFor', { step: stepTitle(w.step) })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {loadError && <p role="alert">{loadError}</p>}
      {items && items.length === 0 && <p>{t('consent.none')}</p>}
      {items && items.length > 0 && (
        <TableWrap label={t('consent.caption')}>
          <table>
            <caption>{t('consent.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('consent.purpose')}</th>
                <th scope="col">{t('consent.agency')}</th>
                <th scope="col">{t('consent.scope')}</th>
                <th scope="col">{t('consent.form')}</th>
                <th scope="col">{t('consent.givenBy')}</th>
                <th scope="col">{t('consent.status')}</th>
                <th scope="col">{t('inbox.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.consentId} data-consent={c.consentId} data-agency={c.sharedWithAgency ?? ''}>
                  <td>{t(`consent.purpose.${c.purpose}` as MessageKey)}</td>
                  <td>
                    {c.sharedWithAgency ??
                      (c.sharedWithKind
                        ? t('consent.everyOfKind', { kind: c.sharedWithKind })
                        : (c.sharedWithPartner ?? '—'))}
                  </td>
                  <td>
                    {c.scope.map((s) => t(`consent.scope.${s}` as MessageKey)).join(', ')}
                    {c.subject ? ` · ${t('consent.forPerson', { code: c.subject })}` : ''}
                    {c.notForFamily && (
                      <>
                        {' '}
                        <strong className="tag">{t('consent.notForFamily')}</strong>
                      </>
                    )}
                  </td>
                  <td>{t(`consent.form.${c.form}` as MessageKey)}</td>
                  <td>{t(`consent.givenBy.${c.givenBy}` as MessageKey)}</td>
                  <td>
                    {c.status === 'withdrawn'
                      ? t('consent.withdrawn', { at: formatDate(c.withdrawnAt) })
                      : c.status === 'expired'
                        ? t('consent.expired', { at: formatDate(c.validUntil ?? null) })
                        : c.validUntil
                          ? t('consent.activeUntil', { at: formatDate(c.recordedAt), until: formatDate(c.validUntil) })
                          : t('consent.active', { at: formatDate(c.recordedAt) })}
                  </td>
                  <td>
                    {c.status === 'active' && open && (
                      <WithdrawConsent
                        caseId={kase.caseId}
                        consent={c}
                        onDone={() => changed('consent.withdrawnNotice')}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {open &&
        (draft ? (
          <RecordConsent
            caseId={kase.caseId}
            agencies={agencies}
            initial={draft}
            onCancel={() => setDraft(null)}
            onDone={() => {
              setDraft(null);
              changed('consent.recorded');
            }}
          />
        ) : (
          <button type="button" onClick={() => setDraft({ ...EMPTY_CONSENT })}>
            {t('consent.new')}
          </button>
        ))}
    </section>
  );
}
