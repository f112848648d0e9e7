import type { CaseDetail } from '../api';
import { useI18n } from '../i18n';

/** Splits `redacted` into compartments and phases the caller is not shown. */
export function redactedEntries(
  redacted: string[] | undefined,
): { kind: 'compartment' | 'phase' | 'other'; name: string }[] {
  return (redacted ?? []).map((r) => {
    const i = r.indexOf(':');
    const kind = r.slice(0, i);
    return { kind: kind === 'compartment' || kind === 'phase' ? kind : 'other', name: i >= 0 ? r.slice(i + 1) : r };
  });
}

const show = (v: unknown): string =>
  Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);

/**
 * The case's compartments the caller may read, each with its records, and the compartments and phases withheld for
 * the caller's role, named so nobody mistakes a gap for an empty record. A missing `compartments` reads as none.
 */
export function Compartments({ kase }: { kase: Pick<CaseDetail, 'sop' | 'compartments' | 'redacted'> }) {
  const { t, sopLabel, formatDate } = useI18n();
  const compartments = Object.entries(kase.compartments ?? {});
  const withheld = redactedEntries(kase.redacted);
  return (
    <section aria-labelledby="compartments-h">
      <h2 id="compartments-h">{t('case.compartments')}</h2>
      {compartments.length === 0 && withheld.length === 0 && <p>{t('case.noCompartments')}</p>}
      {compartments.map(([name, records]) => (
        <section
          key={name}
          className="compartment"
          aria-label={t('case.compartmentNamed', { name: sopLabel(`compartment.${name}`, name) })}
        >
          <h3>{sopLabel(`compartment.${name}`, name)}</h3>
          {records.length === 0 && <p>{t('case.compartmentEmpty')}</p>}
          {records.map((r, i) => (
            <div key={i} className="record">
              <p className="meta">
                {sopLabel(`${kase.sop}.${r.step}`, r.step)}
                {r.subject ? ` · ${r.subject}` : ''} · {r.agencyId} · {formatDate(r.recordedAt)}
              </p>
              <dl>
                {Object.entries(r.data).map(([k, v]) => (
                  <div key={k}>
                    <dt>{sopLabel(`${kase.sop}.${r.step}.${k}`, k)}</dt>
                    <dd>{show(v)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>
      ))}
      {withheld.length > 0 && (
        <ul className="withheld" aria-label={t('case.withheldList')}>
          {withheld.map((w) => (
            <li key={`${w.kind}:${w.name}`} data-redacted={`${w.kind}:${w.name}`}>
              <strong>
                {w.kind === 'phase'
                  ? t('case.phaseNamed', { name: sopLabel(`phase.${w.name}`, w.name) })
                  : w.kind === 'compartment'
                    ? sopLabel(`compartment.${w.name}`, w.name)
                    : w.name}
              </strong>
              {': '}
              {t('case.withheld')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
