import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, type JsonSchema } from '../api';
import { useI18n } from '../i18n';
import { SourceNote } from '../components/SourceNote';
import { CountryPicker, countryLabel, isCountryField, withCountryRules } from './CountryPicker';
import {
  fieldNameOf,
  fieldsOf,
  readableReason,
  toPayload,
  validate,
  type FormField,
  type FormValues,
} from './validate';

export interface SchemaFormProps {
  schema: JsonSchema;
  /** Prefix of the form's labels in the SOP label catalogue: `<sop>.<step>`, `<sop>.intake`, `<sop>.event.<type>`. */
  labelPrefix: string;
  submitLabel: string;
  /** Sends the payload; an ApiError with `fields` is shown next to the inputs it names. */
  onSubmit: (payload: Record<string, unknown>) => Promise<void>;
  disabled?: boolean;
}

type Errors = Record<string, string[]>;

/**
 * A form generated from a step's JSON Schema. The browser checks it with the server's own validator before sending;
 * whatever the server still refuses comes back as `fields` and lands next to the same inputs.
 */
export function SchemaForm({ schema, labelPrefix, submitLabel, onSubmit, disabled }: SchemaFormProps) {
  const i18n = useI18n();
  const { t, sopLabel } = i18n;
  const fields = useMemo(() => fieldsOf(schema), [schema]);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uid = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  const idOf = (name: string) => `${uid}-${name}`;
  const labelOf = (f: FormField) =>
    sopLabel(`${labelPrefix}.${f.name}`, isCountryField(f) ? countryLabel(f.label) : f.label);
  const optionLabel = (f: FormField, o: string) => sopLabel(`${labelPrefix}.${f.name}.${o}`, o.replace(/-/g, ' '));

  const set = (name: string, v: string | string[]) => {
    setValues((old) => ({ ...old, [name]: v }));
    // A message about the old value would mislead once the value changes; the next submit checks again.
    setErrors((old) => {
      if (!old[name]) return old;
      const next = { ...old };
      delete next[name];
      return next;
    });
  };

  const show = (list: { field: string; reason: string }[]) => {
    const next: Errors = {};
    const other: string[] = [];
    for (const e of list) {
      const name = fieldNameOf(e.field);
      if (fields.some((f) => f.name === name)) (next[name] ??= []).push(readableReason(e.reason, i18n));
      else other.push(readableReason(e.reason, i18n));
    }
    setErrors(next);
    setFormError(other.length ? other.join(' ') : null);
    // Move focus to the summary so keyboard and screen-reader users hear what to fix.
    setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const payload = toPayload(fields, values);
    const problems = withCountryRules(fields, payload, validate(fields, payload));
    if (problems.length) return show(problems);
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await onSubmit(payload);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) show(err.fields);
      else {
        setFormError(
          !(err instanceof ApiError)
            ? t('error.network')
            : err.code === 'unavailable'
              ? t('error.unavailable')
              : t('error.api', { status: err.status, message: err.message }),
        );
        setTimeout(() => summaryRef.current?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  };

  const errorCount = Object.values(errors).reduce((n, l) => n + l.length, 0);
  const describedBy = (f: FormField) =>
    [errors[f.name] ? `${idOf(f.name)}-error` : '', f.description ? `${idOf(f.name)}-help` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  const input = (f: FormField) => {
    const common = {
      id: idOf(f.name),
      name: f.name,
      'aria-invalid': errors[f.name] ? true : undefined,
      'aria-describedby': describedBy(f),
      'aria-required': f.required || undefined,
      disabled: disabled || busy,
    };
    const v = values[f.name];
    switch (f.kind) {
      case 'boolean':
        return (
          <select {...common} value={(v as string) ?? ''} onChange={(e) => set(f.name, e.target.value)}>
            <option value="">{t('form.choose')}</option>
            <option value="true">{t('form.yes')}</option>
            <option value="false">{t('form.no')}</option>
          </select>
        );
      case 'enum':
        return (
          <select {...common} value={(v as string) ?? ''} onChange={(e) => set(f.name, e.target.value)}>
            <option value="">{t('form.choose')}</option>
            {f.options!.map((o) => (
              <option key={o} value={o}>
                {optionLabel(f, o)}
              </option>
            ))}
          </select>
        );
      case 'integer':
        return (
          <input
            {...common}
            type="number"
            inputMode="numeric"
            step={1}
            min={f.min}
            max={f.max}
            value={(v as string) ?? ''}
            onChange={(e) => set(f.name, e.target.value)}
          />
        );
      case 'date':
        return (
          <input {...common} type="date" value={(v as string) ?? ''} onChange={(e) => set(f.name, e.target.value)} />
        );
      case 'text':
        return (
          <textarea
            {...common}
            rows={3}
            maxLength={f.maxLength}
            value={(v as string) ?? ''}
            onChange={(e) => set(f.name, e.target.value)}
          />
        );
      case 'enum-list': {
        const list = (v as string[]) ?? [];
        return (
          <div
            role="group"
            aria-labelledby={`${idOf(f.name)}-label`}
            aria-describedby={describedBy(f)}
            className="checks"
          >
            {f.options!.map((o) => (
              <label key={o}>
                <input
                  type="checkbox"
                  name={f.name}
                  value={o}
                  disabled={disabled || busy}
                  checked={list.includes(o)}
                  onChange={(e) => set(f.name, e.target.checked ? [...list, o] : list.filter((x) => x !== o))}
                />{' '}
                {optionLabel(f, o)}
              </label>
            ))}
          </div>
        );
      }
      default:
        if (isCountryField(f))
          return (
            <CountryPicker
              {...common}
              only={f.options}
              value={(v as string) ?? ''}
              onChange={(code) => set(f.name, code)}
            />
          );
        return (
          <input
            {...common}
            type="text"
            autoComplete="off"
            maxLength={f.kind === 'string' ? f.maxLength : undefined}
            value={(v as string) ?? ''}
            onChange={(e) => set(f.name, e.target.value)}
          />
        );
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="schema-form">
      <div
        ref={summaryRef}
        tabIndex={-1}
        role="alert"
        aria-live="assertive"
        className={errorCount || formError ? 'error-summary' : 'visually-hidden'}
      >
        {errorCount > 0 && <p>{t('form.errorsSummary', { n: errorCount })}</p>}
        {formError && <p>{formError}</p>}
      </div>
      {fields.length === 0 && <p>{t('form.noFields')}</p>}
      {fields.map((f) => (
        <div key={f.name} className={`field${errors[f.name] ? ' invalid' : ''}`}>
          <label id={`${idOf(f.name)}-label`} htmlFor={f.kind === 'enum-list' ? undefined : idOf(f.name)}>
            {labelOf(f)}
            {f.required ? (
              <span aria-hidden="true"> *</span>
            ) : (
              <span className="optional"> ({t('form.optional')})</span>
            )}
          </label>
          {f.kind === 'string-list' && <span className="hint">{t('form.listHint')}</span>}
          {input(f)}
          {f.description && (
            <SourceNote id={`${idOf(f.name)}-help`} text={sopLabel(`${labelPrefix}.${f.name}.help`, f.description)} />
          )}
          {errors[f.name] && (
            <span className="error" id={`${idOf(f.name)}-error`}>
              {errors[f.name].join(' ')}
            </span>
          )}
        </div>
      ))}
      <button type="submit" disabled={disabled || busy}>
        {busy ? t('form.sending') : submitLabel}
      </button>
    </form>
  );
}
