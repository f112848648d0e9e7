// Pieces the consent forms share: a labelled field with its error, and the server's answer mapped to inputs.
import type { ReactNode } from 'react';
import { ApiError } from '../api';
import type { useI18n } from '../i18n';

/** Server `fields` by input; anything else under `_`, shown above the form. */
export function errorMap(err: unknown, t: ReturnType<typeof useI18n>['t'], known: string[]): Record<string, string> {
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

export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
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
