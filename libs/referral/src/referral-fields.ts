import { validateForm, type SopDefinition } from '@waymark/contracts';

/**
 * The fields a referral may carry to a receiving SOP: only its intake's fields, checked as its intake checks them.
 * A field the intake does not declare is refused by name (the packet carries nothing the receiving SOP does not need).
 */
export function referralFields(
  sop: SopDefinition,
  values: Readonly<Record<string, unknown>>,
): { fields: Record<string, unknown> } | { errors: { field: string; reason: string }[] } {
  // The intake's validator refuses a field it does not declare, by name, as well as a value it would refuse.
  const errors = validateForm(sop.intake, values).map((e) => ({ ...e, field: `fields.${e.field}` }));
  return errors.length > 0 ? { errors } : { fields: { ...values } };
}
