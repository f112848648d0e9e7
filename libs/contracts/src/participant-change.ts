import type { FieldError } from './forms.contract';
import { caseLead } from './case-actions';
import type { SopDefinition } from './sop.contract';

export interface ParticipantChangeRequest {
  slot: string;
  /** The agency that fills the slot from now on; left out when the agency in it withdraws. */
  agencyId?: string;
  /**
   * The agency in the slot leaves the case: its access ends at once, and the lead agency holds the slot (its open
   * tasks wait there) until its coordinator puts another agency in it.
   */
  withdraw?: boolean;
  reason: string;
}

const AGENCY_ID = /^[a-z0-9-]{1,64}$/;

/**
 * What is wrong with putting `agencyId` in `slot` of a running case, field by field (never echoing a value). Pure,
 * so the API (before asking the workflow) and the workflow's update validator decide alike. Whether the agency
 * exists and is of a kind the slot takes needs the directory: the API checks that (slotKindMismatch).
 */
export function participantChangeErrors(
  sop: SopDefinition,
  participants: Readonly<Record<string, string>>,
  change: ParticipantChangeRequest,
): FieldError[] {
  const errors: FieldError[] = [];
  const spec = sop.participants[change.slot];
  if (!spec) errors.push({ field: 'slot', reason: 'is not a participant slot of this SOP' });
  else if (change.slot === caseLead(sop).slot)
    errors.push({ field: 'slot', reason: "is the lead agency's slot, which runs the case and does not change" });
  else if (!spec.changeable) errors.push({ field: 'slot', reason: 'does not change while a case of this SOP runs' });
  else if (participants[change.slot] === undefined)
    errors.push({ field: 'slot', reason: 'takes no part in this case (its intake did not call for it)' });
  if (change.withdraw !== undefined && typeof change.withdraw !== 'boolean')
    errors.push({ field: 'withdraw', reason: 'must be true or false' });
  else if (change.withdraw === true) {
    if (change.agencyId !== undefined)
      errors.push({ field: 'agencyId', reason: 'must be left out when the agency in the slot withdraws' });
    else if (
      spec &&
      participants[change.slot] !== undefined &&
      participants[change.slot] === leadAgency(sop, participants)
    )
      errors.push({ field: 'withdraw', reason: 'the agency in this slot has already withdrawn; the lead holds it' });
  } else if (typeof change.agencyId !== 'string' || !AGENCY_ID.test(change.agencyId))
    errors.push({ field: 'agencyId', reason: 'must be an agency id (lowercase letters, digits and dashes)' });
  else if (spec && participants[change.slot] === change.agencyId)
    errors.push({ field: 'agencyId', reason: 'already fills this slot' });
  if (typeof change.reason !== 'string' || change.reason.trim() === '' || change.reason.length > 500)
    errors.push({ field: 'reason', reason: 'must be a text of 1 to 500 characters' });
  return errors;
}

/** The agency of the lead's slot, which holds a slot whose agency withdrew. */
export function leadAgency(sop: SopDefinition, participants: Readonly<Record<string, string>>): string | undefined {
  return participants[caseLead(sop).slot];
}

/** The slots a coordinator may change in a case of this SOP (for the case view). */
export function changeableSlots(sop: SopDefinition, participants: Readonly<Record<string, string>>): string[] {
  const lead = caseLead(sop).slot;
  return Object.entries(sop.participants)
    .filter(([slot, spec]) => spec.changeable && slot !== lead && participants[slot] !== undefined)
    .map(([slot]) => slot);
}
