import type { CaseDetail, CompartmentRecord, JsonSchema, SopDescription } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { useNames } from '../directory';

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

const COMPARTMENT_LABELS: Record<string, MessageKey> = {
  intake: 'compartment.intake',
  identity: 'compartment.identity',
  inspection: 'compartment.inspection',
  protection: 'compartment.protection',
  return: 'compartment.return',
};

/** A compartment's name in the interface language (an unknown one as it is). */
export function useCompartmentLabel(): (name: string) => string {
  const { t } = useI18n();
  return (name) => (COMPARTMENT_LABELS[name] ? t(COMPARTMENT_LABELS[name]) : name);
}

/**
 * How a record reads: what wrote it (the intake, a note, or the step's title), each field's label and each value
 * (booleans as yes/no, options by their label), in the interface language, from the SOP's published forms.
 */
export function useRecordText(sop: SopDescription | undefined, sopId: string) {
  const { t, sopLabel } = useI18n();
  const formKey = (r: CompartmentRecord) => (r.source === 'intake' ? 'intake' : r.step);
  const schemaOf = (r: CompartmentRecord): JsonSchema | undefined =>
    r.source === 'intake' ? sop?.intake : sop?.steps.find((s) => s.id === r.step)?.form;
  return {
    origin: (r: CompartmentRecord) =>
      r.source === 'intake'
        ? t('case.recordIntake')
        : r.source === 'note'
          ? t('case.recordNote')
          : sopLabel(`${sopId}.${r.step}`, sop?.steps.find((s) => s.id === r.step)?.title ?? r.step),
    field: (r: CompartmentRecord, k: string) =>
      r.source === 'note' && k === 'text'
        ? t('case.recordNoteText')
        : sopLabel(`${sopId}.${formKey(r)}.${k}`, schemaOf(r)?.properties?.[k]?.title ?? k),
    /** What the reader sees instead of a value kept from them: "withheld (no consent)" and the like. */
    withheld: (reason: string) => t(`case.fieldWithheld.${reason}` as MessageKey),
    value: (r: CompartmentRecord, k: string, v: unknown) => {
      if (typeof v === 'boolean') return v ? t('form.yes') : t('form.no');
      const option = (o: unknown) =>
        typeof o === 'string' ? sopLabel(`${sopId}.${formKey(r)}.${k}.${o}`, o.replace(/-/g, ' ')) : show(o);
      const p = schemaOf(r)?.properties?.[k];
      if (typeof v === 'string' && p?.enum) return option(v);
      if (Array.isArray(v) && p?.items?.enum) return v.map(option).join(', ');
      return show(v);
    },
  };
}

/** A record's fields and values, labelled in the interface language (the case view and the task page). */
export function RecordFields({ record, text }: { record: CompartmentRecord; text: ReturnType<typeof useRecordText> }) {
  return (
    <dl>
      {Object.entries(record.data).map(([k, v]) => (
        <div key={k}>
          <dt>{text.field(record, k)}</dt>
          <dd>{text.value(record, k, v)}</dd>
        </div>
      ))}
      {(record.withheld ?? []).map((w) => (
        <div key={w.field}>
          <dt>{text.field(record, w.field)}</dt>
          <dd>
            <em>{text.withheld(w.reason)}</em>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The case's compartments the caller may read, each with its records, and the compartments and phases withheld for
 * the caller's role, named so nobody mistakes a gap for an empty record. A missing `compartments` reads as none.
 */
export function Compartments({
  kase,
  sop,
}: {
  kase: Pick<CaseDetail, 'sop' | 'compartments' | 'redacted'>;
  /** The SOP's description (GET /sops/:id): step titles and form labels for the records. */
  sop?: SopDescription;
}) {
  const { t, sopLabel, formatDate } = useI18n();
  const compartmentLabel = useCompartmentLabel();
  const names = useNames();
  const text = useRecordText(sop, kase.sop);
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
          aria-label={t('case.compartmentNamed', { name: compartmentLabel(name) })}
        >
          <h3>{compartmentLabel(name)}</h3>
          {records.length === 0 && <p>{t('case.compartmentEmpty')}</p>}
          {records.map((r, i) => (
            <div key={i} className="record">
              <p className="meta">
                {text.origin(r)}
                {r.subject ? ` · ${r.subject}` : ''} · {names.agency(r.agencyId)} · {formatDate(r.recordedAt)}
              </p>
              <RecordFields record={r} text={text} />
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
                    ? compartmentLabel(w.name)
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
