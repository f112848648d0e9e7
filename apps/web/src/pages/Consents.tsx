import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, type CaseDetail, type Consent, type FieldProblem } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

// The server's lists (libs/contracts consent.contract.ts); the browser keeps its own copy so the bundle stays small.
export const CONSENT_PURPOSES = ['assistance', 'sharing', 'return', 'prosecution'] as const;
export const CONSENT_SCOPES = [
  'identity',
  'contact',
  'health',
  'family',
  'exploitation-form',
  'needs-and-risks',
  'travel',
  'legal',
] as const;
export const CONSENT_FORMS = ['verbal', 'written'] as const;
export const CONSENT_GIVERS = ['person', 'guardian', 'responsible-authority'] as const;

export interface ConsentDraft {
  purpose: string;
  sharedWithAgency: string;
  scope: string[];
  form: string;
  givenBy: string;
  personIsMinor: boolean;
}
const EMPTY: ConsentDraft = {
  purpose: '',
  sharedWithAgency: '',
  scope: [],
  form: '',
  givenBy: '',
  personIsMinor: false,
};

/** Known problems the form checks before sending; the server checks the rest and its `fields` land in the same place. */
export function checkConsent(d: ConsentDraft): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!d.purpose) out.push({ field: 'purpose', reason: 'required' });
  if (d.purpose === 'sharing' && !d.sharedWithAgency) out.push({ field: 'sharedWithAgency', reason: 'required' });
  if (d.scope.length === 0) out.push({ field: 'scope', reason: 'required' });
  if (!d.form) out.push({ field: 'form', reason: 'required' });
  if (!d.givenBy) out.push({ field: 'givenBy', reason: 'required' });
  return out;
}

export function consentBody(d: ConsentDraft): Record<string, unknown> {
  return {
    purpose: d.purpose,
    ...(d.purpose === 'sharing' ? { sharedWithAgency: d.sharedWithAgency } : {}),
    scope: d.scope,
    form: d.form,
    givenBy: d.givenBy,
    ...(d.personIsMinor ? { personIsMinor: true } : {}),
  };
}

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
    ...EMPTY,
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
                <td>{c.sharedWithAgency ?? '—'}</td>
                <td>{c.scope.map((s) => t(`consent.scope.${s}` as MessageKey)).join(', ')}</td>
                <td>{t(`consent.form.${c.form}` as MessageKey)}</td>
                <td>{t(`consent.givenBy.${c.givenBy}` as MessageKey)}</td>
                <td>
                  {c.status === 'active'
                    ? t('consent.active', { at: formatDate(c.recordedAt) })
                    : t('consent.withdrawn', { at: formatDate(c.withdrawnAt) })}
                </td>
                <td>
                  {c.status === 'active' && open && (
                    <Withdraw caseId={kase.caseId} consent={c} onDone={() => changed('consent.withdrawnNotice')} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
          <button type="button" onClick={() => setDraft({ ...EMPTY })}>
            {t('consent.new')}
          </button>
        ))}
    </section>
  );
}

/** Server `fields` by input; anything else under `_`, shown above the form. */
function errorMap(err: unknown, t: ReturnType<typeof useI18n>['t'], known: string[]): Record<string, string> {
  if (err instanceof ApiError && err.fields.length) {
    const out: Record<string, string> = {};
    for (const f of err.fields) {
      const key = known.includes(f.field) ? f.field : '_';
      out[key] = out[key] ? `${out[key]}; ${f.reason}` : f.reason;
    }
    return out;
  }
  return {
    _: err instanceof ApiError ? t('error.api', { status: err.status, message: err.message }) : t('error.network'),
  };
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span className="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function RecordConsent({
  caseId,
  agencies,
  initial,
  onCancel,
  onDone,
}: {
  caseId: string;
  agencies: string[];
  initial: ConsentDraft;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const uid = useId();
  const [d, setD] = useState<ConsentDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => setD(initial), [initial]);
  const set = (patch: Partial<ConsentDraft>) => setD((x) => ({ ...x, ...patch }));
  const id = (name: string) => `${uid}-${name}`;
  const aria = (name: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id(name)}-error` : undefined,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = checkConsent(d);
    setErrors(Object.fromEntries(problems.map((p) => [p.field, t('validation.required')])));
    if (problems.length) return;
    setBusy(true);
    try {
      await api(`/cases/${caseId}/consents`, {
        method: 'POST',
        body: consentBody(d),
        repeatSafe: true,
      });
      onDone();
    } catch (err) {
      setErrors(errorMap(err, t, ['purpose', 'sharedWithAgency', 'scope', 'form', 'givenBy', 'personIsMinor']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={id('h')} className="consent-form">
      <h3 id={id('h')}>{t('consent.new')}</h3>
      {errors._ && <p role="alert">{errors._}</p>}
      <Field id={id('purpose')} label={t('consent.purpose')} error={errors.purpose}>
        <select
          id={id('purpose')}
          value={d.purpose}
          onChange={(e) => set({ purpose: e.target.value })}
          {...aria('purpose')}
        >
          <option value="">{t('form.choose')}</option>
          {CONSENT_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`consent.purpose.${p}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      {d.purpose === 'sharing' && (
        <Field id={id('sharedWithAgency')} label={t('consent.agency')} error={errors.sharedWithAgency}>
          <select
            id={id('sharedWithAgency')}
            value={d.sharedWithAgency}
            onChange={(e) => set({ sharedWithAgency: e.target.value })}
            {...aria('sharedWithAgency')}
          >
            <option value="">{t('form.choose')}</option>
            {agencies.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </Field>
      )}
      <fieldset
        className={`field${errors.scope ? ' invalid' : ''}`}
        aria-describedby={errors.scope ? `${id('scope')}-error` : undefined}
      >
        <legend>{t('consent.scope')}</legend>
        {CONSENT_SCOPES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={d.scope.includes(s)}
              onChange={(e) =>
                set({
                  scope: e.target.checked
                    ? CONSENT_SCOPES.filter((x) => x === s || d.scope.includes(x))
                    : d.scope.filter((x) => x !== s),
                })
              }
            />{' '}
            {t(`consent.scope.${s}` as MessageKey)}
          </label>
        ))}
        {errors.scope && (
          <span className="error" id={`${id('scope')}-error`} role="alert">
            {errors.scope}
          </span>
        )}
      </fieldset>
      <Field id={id('form')} label={t('consent.form')} error={errors.form}>
        <select id={id('form')} value={d.form} onChange={(e) => set({ form: e.target.value })} {...aria('form')}>
          <option value="">{t('form.choose')}</option>
          {CONSENT_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`consent.form.${f}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('givenBy')} label={t('consent.givenBy')} error={errors.givenBy}>
        <select
          id={id('givenBy')}
          value={d.givenBy}
          onChange={(e) => set({ givenBy: e.target.value })}
          {...aria('givenBy')}
        >
          <option value="">{t('form.choose')}</option>
          {CONSENT_GIVERS.map((g) => (
            <option key={g} value={g}>
              {t(`consent.givenBy.${g}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <div className="field check">
        <label>
          <input type="checkbox" checked={d.personIsMinor} onChange={(e) => set({ personIsMinor: e.target.checked })} />{' '}
          {t('consent.personIsMinor')}
        </label>
        {errors.personIsMinor && (
          <span className="error" role="alert">
            {errors.personIsMinor}
          </span>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('form.sending') : t('consent.submit')}
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        {t('consent.cancel')}
      </button>
    </form>
  );
}

function Withdraw({ caseId, consent, onDone }: { caseId: string; consent: Consent; onDone: () => void }) {
  const { t } = useI18n();
  const uid = useId();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setErrors({ reason: t('validation.required') });
    setBusy(true);
    try {
      await api(`/cases/${caseId}/consents/${consent.consentId}/withdraw`, { method: 'POST', body: { reason } });
      setErrors({});
      onDone();
    } catch (err) {
      setErrors(errorMap(err, t, ['reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="withdraw">
      <summary>{t('consent.withdraw')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors._ && <p role="alert">{errors._}</p>}
        <Field id={`${uid}-reason`} label={t('consent.reason')} error={errors.reason}>
          <textarea
            id={`${uid}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${uid}-reason-error` : undefined}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {t('consent.withdrawSubmit')}
        </button>
      </form>
    </details>
  );
}
