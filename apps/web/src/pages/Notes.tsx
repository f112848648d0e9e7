import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError, type PolicyView } from '../api';
import { useI18n } from '../i18n';
import { useCompartmentLabel } from './case-parts';

/**
 * A note in one compartment of the case (POST /cases/:id/notes), offered for the compartments the policy lets the
 * caller write in this SOP (GET /policy?sop=). Nothing is offered when the caller may write none.
 */
export function Notes({ caseId, sop, onDone }: { caseId: string; sop: string; onDone: () => void }) {
  const { t } = useI18n();
  const compartmentLabel = useCompartmentLabel();
  const uid = useId();
  const [writable, setWritable] = useState<string[] | null>(null);
  const [compartment, setCompartment] = useState('');
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    api<PolicyView>(`/policy?sop=${encodeURIComponent(sop)}`)
      .then((p) => {
        if (!live) return;
        const names = Object.entries(p.view.compartments)
          .filter(([, d]) => d.write.allowed)
          .map(([c]) => c);
        setWritable(names);
        setCompartment((c) => c || (names.length === 1 ? names[0] : ''));
      })
      .catch(() => live && setWritable([]));
    return () => {
      live = false;
    };
  }, [sop]);

  if (!writable || writable.length === 0) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!compartment) next.compartment = t('validation.required');
    if (!text.trim()) next.text = t('validation.required');
    setErrors(next);
    setSaved(false);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      await api(`/cases/${caseId}/notes`, {
        method: 'POST',
        body: { compartment, text, ...(subject.trim() ? { subject: subject.trim() } : {}) },
        repeatSafe: true,
      });
      setText('');
      setSubject('');
      setSaved(true);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const out: Record<string, string> = {};
        for (const f of err.fields) {
          const key = ['compartment', 'text', 'subject'].includes(f.field) ? f.field : '_';
          out[key] = out[key] ? `${out[key]}; ${f.reason}` : f.reason;
        }
        setErrors(out);
      } else {
        setErrors({
          _:
            err instanceof ApiError ? t('error.api', { status: err.status, message: err.message }) : t('error.network'),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const id = (n: string) => `${uid}-${n}`;
  const aria = (n: string) => ({
    'aria-invalid': errors[n] ? true : undefined,
    'aria-describedby': errors[n] ? `${id(n)}-error` : undefined,
  });
  const err = (n: string) =>
    errors[n] && (
      <span className="error" id={`${id(n)}-error`} role="alert">
        {errors[n]}
      </span>
    );

  return (
    <section aria-labelledby={id('h')} className="notes">
      <h2 id={id('h')}>{t('notes.title')}</h2>
      <p role="status" aria-live="polite" className={saved ? 'notice' : 'visually-hidden'}>
        {saved && t('notes.saved')}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors._ && <p role="alert">{errors._}</p>}
        <div className={`field${errors.compartment ? ' invalid' : ''}`}>
          <label htmlFor={id('compartment')}>{t('notes.compartment')}</label>
          <select
            id={id('compartment')}
            value={compartment}
            onChange={(e) => setCompartment(e.target.value)}
            {...aria('compartment')}
          >
            <option value="">{t('form.choose')}</option>
            {writable.map((c) => (
              <option key={c} value={c}>
                {compartmentLabel(c)}
              </option>
            ))}
          </select>
          {err('compartment')}
        </div>
        <div className={`field${errors.text ? ' invalid' : ''}`}>
          <label htmlFor={id('text')}>{t('notes.text')}</label>
          <textarea
            id={id('text')}
            rows={3}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            {...aria('text')}
          />
          {err('text')}
        </div>
        <div className={`field${errors.subject ? ' invalid' : ''}`}>
          <label htmlFor={id('subject')}>
            {t('notes.subject')} <span className="hint">({t('form.optional')})</span>
          </label>
          <input id={id('subject')} value={subject} onChange={(e) => setSubject(e.target.value)} {...aria('subject')} />
          {err('subject')}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('form.sending') : t('notes.submit')}
        </button>
      </form>
    </section>
  );
}
