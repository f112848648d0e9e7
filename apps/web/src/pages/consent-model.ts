// The consent form's model: the fixed lists, the draft, the checks made before sending and the request body.
import type { FieldProblem } from '../api';

// The server's own lists, from the one contract file that declares them (it imports nothing, so the bundle takes
// only these arrays), the same way the forms' validator is shared.
import {
  CONSENT_FORMS,
  CONSENT_GIVERS,
  CONSENT_PURPOSES,
  CONSENT_SCOPES,
} from '../../../../libs/contracts/src/consent.contract';

export { CONSENT_FORMS, CONSENT_GIVERS, CONSENT_PURPOSES, CONSENT_SCOPES };

export interface ConsentDraft {
  purpose: string;
  sharedWithAgency: string;
  scope: string[];
  form: string;
  givenBy: string;
  personIsMinor: boolean;
}
export const EMPTY_CONSENT: ConsentDraft = {
  purpose: '',
  sharedWithAgency: '',
  scope: [],
  form: '',
  givenBy: '',
  personIsMinor: false,
};

/** Known problems the form checks before sending; the server checks the rest and its `fields` land in the same place. */
export function checkConsent(d: ConsentDraft): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!d.purpose) out.push({ field: 'purpose', reason: 'required' });
  if (d.purpose === 'sharing' && !d.sharedWithAgency) out.push({ field: 'sharedWithAgency', reason: 'required' });
  if (d.scope.length === 0) out.push({ field: 'scope', reason: 'required' });
  if (!d.form) out.push({ field: 'form', reason: 'required' });
  if (!d.givenBy) out.push({ field: 'givenBy', reason: 'required' });
  return out;
}

export function consentBody(d: ConsentDraft): Record<string, unknown> {
  return {
    purpose: d.purpose,
    // `partner/agency`: an agency of a partner deployment abroad (a cross-border referral's consent).
    ...(d.purpose === 'sharing'
      ? d.sharedWithAgency.includes('/')
        ? { sharedWithPartner: d.sharedWithAgency }
        : { sharedWithAgency: d.sharedWithAgency }
      : {}),
    scope: d.scope,
    form: d.form,
    givenBy: d.givenBy,
    ...(d.personIsMinor ? { personIsMinor: true } : {}),
  };
}
