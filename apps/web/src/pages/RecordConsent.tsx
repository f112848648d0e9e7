import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { errorMap, Field } from './consent-form-parts';
import {
  CONSENT_FORMS,
  CONSENT_GIVERS,
  CONSENT_PURPOSES,
  CONSENT_SCOPES,
  checkConsent,
  consentBody,
  type ConsentDraft,
} from './consent-model';

/** Records a consent (`POST /cases/:id/consents`), starting from `initial` (empty, or filled for a waiting step). */
export function RecordConsent({
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
  // Agencies of partner deployments abroad, for a consent a cross-border referral travels under.
  const [abroad, setAbroad] = useState<string[]>([]);
  useEffect(() => {
    api<{ items: { id: string; accepts: { agency: string }[] }[] }>('/referral/partners').then(
      (r) => setAbroad(r.items.flatMap((p) => p.accepts.map((a) => `${p.id}/${a.agency}`))),
      () => setAbroad([]),
    );
  }, []);
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
      const map = errorMap(err, t, [
        'purpose',
        'sharedWithAgency',
        'sharedWithPartner',
        'scope',
        'form',
        'givenBy',
        'personIsMinor',
      ]);
      if (map.sharedWithPartner) map.sharedWithAgency = map.sharedWithPartner;
      setErrors(map);
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
            {abroad.length > 0 && (
              <optgroup label={t('consent.abroad')}>
                {abroad.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </optgroup>
            )}
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
