import { useEffect, useId, useState } from 'react';
import { api, ApiError, type Consent, type SopDescription } from '../api';
import { loadSop, useSopTitles } from '../components/sop-titles';
import { SchemaForm } from '../forms/SchemaForm';
import { useI18n } from '../i18n';
import { errorMap, Field } from './consent-form-parts';
import { scopeText, type Partner } from './referral-model';

/** The inputs of the form itself; the receiving SOP's intake fields come back from the server as `fields.<name>`. */
const OWN_FIELDS = ['partner', 'agency', 'sop', 'consentId', 'personCode'];
const PERSON_CODE = /^P[0-9]{1,6}$/;

/**
 * The form that refers the person to a partner's agency (`POST /cases/:id/referrals`): the partner, its agency and
 * receiving SOP from the partner directory, an active consent naming exactly that agency, the person's code, and the
 * receiving SOP's intake form, nothing else.
 */
export function SendReferral({
  caseId,
  kase,
  partners,
  onSent,
}: {
  caseId: string;
  /** Changes whenever the case view reloads: the consents are read again (one may just have been recorded). */
  kase: unknown;
  partners: Partner[];
  onSent: () => void;
}) {
  const { t, formatDate, sopLabel } = useI18n();
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;
  const [partner, setPartner] = useState('');
  const [agency, setAgency] = useState('');
  const [sopId, setSopId] = useState('');
  const [consentId, setConsentId] = useState('');
  const [personCode, setPersonCode] = useState('P1');
  const [consents, setConsents] = useState<Consent[]>([]);
  const [sop, setSop] = useState<SopDescription | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Bumped after a referral is sent, so the intake form starts empty again even for the same SOP.
  const [round, setRound] = useState(0);

  useEffect(() => {
    api<{ items: Consent[] }>(`/cases/${caseId}/consents`).then(
      (r) => setConsents(Array.isArray(r.items) ? r.items : []),
      () => setConsents([]),
    );
  }, [caseId, kase]);

  const chosenPartner = partners.find((p) => p.id === partner);
  const agencies = chosenPartner?.accepts ?? [];
  const sops = agencies.find((a) => a.agency === agency)?.sops ?? [];
  const titles = useSopTitles(sops);
  const recipient = `${partner}/${agency}`;
  const fitting = consents.filter((c) => c.status === 'active' && c.sharedWithPartner === recipient);

  // A consent chosen for another agency no longer counts; the first fitting one is offered.
  const consent = fitting.some((c) => c.consentId === consentId) ? consentId : (fitting[0]?.consentId ?? '');

  // Each choice narrows the next: a single agency or SOP on offer is chosen at once.
  const choosePartner = (value: string) => {
    setPartner(value);
    const list = partners.find((p) => p.id === value)?.accepts ?? [];
    chooseAgency(list.length === 1 ? list[0].agency : '', list);
  };
  const chooseAgency = (value: string, list = agencies) => {
    setAgency(value);
    const offered = list.find((a) => a.agency === value)?.sops ?? [];
    setSopId(offered.length === 1 ? offered[0] : '');
  };
  useEffect(() => {
    setSop(null);
    if (sopId)
      loadSop(sopId).then(setSop, (e) =>
        setErrors({
          _: e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'),
        }),
      );
  }, [sopId, t]);

  const own = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!partner) out.partner = t('validation.required');
    if (!agency) out.agency = t('validation.required');
    if (!sopId) out.sop = t('validation.required');
    if (!consent) out.consentId = t('validation.required');
    if (!PERSON_CODE.test(personCode.trim())) out.personCode = t('referral.personCodeInvalid');
    return out;
  };

  const send = async (fields: Record<string, unknown>) => {
    const problems = own();
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      await api(`/cases/${caseId}/referrals`, {
        method: 'POST',
        body: { partner, agency, sop: sopId, consentId: consent, personCode: personCode.trim(), fields },
        repeatSafe: true,
      });
    } catch (err) {
      if (!(err instanceof ApiError) || !err.fields.length) throw err;
      // The form's own inputs show their reasons here; the intake's go back to the intake form, by field name.
      const mine = err.fields.filter((f) => !f.field.startsWith('fields.'));
      const intake = err.fields
        .filter((f) => f.field.startsWith('fields.'))
        .map((f) => ({ ...f, field: f.field.slice('fields.'.length) }));
      setErrors(mine.length ? errorMap(new ApiError(err.status, err.code, err.message, mine), t, OWN_FIELDS) : {});
      if (intake.length) throw new ApiError(err.status, err.code, err.message, intake);
      return;
    }
    // Sent: the form starts over, so nothing left filled in invites sending the same referral twice.
    setPartner('');
    setAgency('');
    setSopId('');
    setConsentId('');
    setPersonCode('P1');
    setErrors({});
    setRound((n) => n + 1);
    onSent();
  };

  const aria = (name: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id(name)}-error` : undefined,
  });

  if (partners.length === 0) return <p className="hint">{t('referral.noPartners')}</p>;

  return (
    <div className="send-referral" role="group" aria-labelledby={id('h')}>
      <h3 id={id('h')}>{t('referral.send')}</h3>
      {errors._ && <p role="alert">{errors._}</p>}
      <Field id={id('partner')} label={t('referral.partner')} error={errors.partner}>
        <select id={id('partner')} value={partner} onChange={(e) => choosePartner(e.target.value)} {...aria('partner')}>
          <option value="">{t('form.choose')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {t('referral.partnerOption', { name: p.name, country: p.country })}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('agency')} label={t('referral.agency')} error={errors.agency}>
        <select
          id={id('agency')}
          value={agency}
          disabled={!chosenPartner}
          onChange={(e) => chooseAgency(e.target.value)}
          {...aria('agency')}
        >
          <option value="">{t('form.choose')}</option>
          {agencies.map((a) => (
            <option key={a.agency} value={a.agency}>
              {a.agency}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('sop')} label={t('referral.sop')} error={errors.sop}>
        <select
          id={id('sop')}
          value={sopId}
          disabled={!agency}
          onChange={(e) => setSopId(e.target.value)}
          {...aria('sop')}
        >
          <option value="">{t('form.choose')}</option>
          {sops.map((s) => (
            <option key={s} value={s}>
              {titles.sop(s)}
            </option>
          ))}
        </select>
      </Field>
      {partner && agency && fitting.length === 0 ? (
        <p className="notice" role="note" data-testid="referral-no-consent">
          {t('referral.noConsent', { agency, partner: chosenPartner?.name ?? partner })}
        </p>
      ) : (
        <Field id={id('consentId')} label={t('referral.consent')} error={errors.consentId}>
          <select
            id={id('consentId')}
            value={consent}
            disabled={!agency}
            onChange={(e) => setConsentId(e.target.value)}
            {...aria('consentId')}
          >
            {fitting.length === 0 && <option value="">{t('form.choose')}</option>}
            {fitting.map((c) => (
              <option key={c.consentId} value={c.consentId}>
                {t(c.validUntil ? 'referral.consentOptionUntil' : 'referral.consentOption', {
                  at: formatDate(c.recordedAt),
                  scope: scopeText(t, c.scope),
                  until: formatDate(c.validUntil),
                })}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={id('personCode')} label={t('referral.personCode')} error={errors.personCode}>
        <input
          id={id('personCode')}
          type="text"
          autoComplete="off"
          maxLength={7}
          value={personCode}
          onChange={(e) => setPersonCode(e.target.value)}
          {...aria('personCode')}
        />
      </Field>
      {sop && (
        <>
          <h4>{t('referral.intake', { sop: sopLabel(`${sop.id}.title`, sop.title) })}</h4>
          <SchemaForm
            key={`${sop.id}-${round}`}
            schema={sop.intake}
            labelPrefix={`${sop.id}.intake`}
            submitLabel={t('referral.submit')}
            onSubmit={send}
            disabled={!consent}
          />
        </>
      )}
    </div>
  );
}
