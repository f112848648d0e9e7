import { findEvent, findStep, type FormSpec } from '@waymark/contracts';
import { sopById } from '@waymark/workflows/sops';

import { CANARY } from './canary-mark';

export { CANARY, CANARY_MARK } from './canary-mark';

const SENTENCE = `${CANARY} said her employer kept her passport`;

/**
 * The free-text fields of a form where a person's name could be typed: every `text` field, and `string` or
 * `string-list` fields marked personal that take free text (no pattern or format) and are long enough for a name.
 */
export function canaryFields(form: FormSpec): string[] {
  return Object.entries(form.fields)
    .filter(
      ([, f]) =>
        f.type === 'text' ||
        (f.personal && (f.type === 'string' || f.type === 'string-list') && !f.pattern && !f.format),
    )
    .filter(([, f]) => (f.maxLength ?? 500) >= CANARY.length)
    .map(([name]) => name);
}

function fill(form: FormSpec, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const name of canaryFields(form)) {
    const spec = form.fields[name];
    const text = SENTENCE.slice(0, spec.maxLength ?? 500);
    out[name] = spec.type === 'string-list' ? [...((values[name] as string[] | undefined) ?? []), CANARY] : text;
  }
  return out;
}

function sopOf(sopId: string) {
  const sop = sopById(sopId);
  if (!sop) throw new Error(`no SOP ${sopId}`);
  return sop;
}

/** The intake with the canary in every free-text field (see canaryFields). */
export function canaryIntake(sopId: string, values: Record<string, unknown>): Record<string, unknown> {
  return fill(sopOf(sopId).intake, values);
}

/** A step's form with the canary in every free-text field. */
export function canaryForm(sopId: string, step: string, values: Record<string, unknown>): Record<string, unknown> {
  return fill(findStep(sopOf(sopId), step).form, values);
}

/** An event's data with the canary in every free-text field. */
export function canaryEvent(sopId: string, type: string, values: Record<string, unknown>): Record<string, unknown> {
  const spec = findEvent(sopOf(sopId), type);
  if (!spec) throw new Error(`no event ${type} in ${sopId}`);
  return fill(spec.form, values);
}
