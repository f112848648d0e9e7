import {
  scopeRecordData,
  type CategoryConsent,
  type CategoryReader,
  type CompartmentId,
  type FormSpec,
  type SopDefinition,
} from '@waymark/contracts';

/** A stored record as the case view reads it. */
interface RecordLike {
  compartment: CompartmentId;
  step: string | null;
  source: string;
  subject?: string | null;
  agency_id: string | null;
  data: Record<string, unknown>;
}

/** The form a record was written from: the intake, a step's form or an event's form (a note has none). */
function formOf(sop: SopDefinition | undefined, r: RecordLike): FormSpec | undefined {
  if (!sop) return undefined;
  if (r.source === 'intake') return sop.intake;
  if (r.source === 'note') return undefined;
  if (r.source === 'event') {
    // An event's record names no step: its form is the event form that declares every field it holds.
    const keys = Object.keys(r.data);
    return (sop.events ?? []).find((e) => keys.every((k) => k in e.form.fields))?.form;
  }
  return sop.steps.find((s) => s.id === r.step)?.form;
}

/** The reader's agency in this case: the kinds of the slots it fills, and whether it fills the lead slot. */
export function caseReader(
  sop: SopDefinition | undefined,
  participants: Readonly<Record<string, string>>,
  agencyId: string,
): CategoryReader {
  const slots = Object.entries(participants).filter(([, a]) => a === agencyId);
  return {
    agencyId,
    kinds: slots.map(([slot]) => sop?.participants[slot]?.kind ?? 'unknown'),
    lead: sop?.lead !== undefined && slots.some(([slot]) => slot === sop.lead!.slot),
    // Only when every slot the agency fills says so: another slot's work may need the person's data.
    personDataOnConsent:
      slots.length > 0 && slots.every(([slot]) => sop?.participants[slot]?.personDataOnConsent !== undefined),
  };
}

/**
 * Field by field, what the reader may see of a record of a compartment it may read (data-categories.contract.ts):
 * a withheld value is left out and listed with its reason, so the case view shows "withheld (no consent)" rather
 * than an empty value, and the rest of the case stays readable.
 */
export function scopeRecord(
  sop: SopDefinition | undefined,
  record: RecordLike,
  reader: CategoryReader,
  consents: readonly CategoryConsent[],
) {
  return scopeRecordData(
    formOf(sop, record),
    record.compartment,
    record.data,
    reader,
    record.agency_id,
    consents,
    record.subject ?? null,
  );
}
