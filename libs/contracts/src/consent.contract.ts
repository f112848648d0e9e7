/**
 * Consent, shared by the API (records), the SOP declarations (which steps wait for which consent) and the workflow
 * runtime (the gates). Seed: verbal or written consent to exchange data with the team organising the return
 * (L6242–L6243); data shared only with the stakeholders concerned, the form of exploitation kept back on request
 * (L6244–L6245); information exchanged among organisations upon the victim's consent (L7223–L7225); no personal data
 * passed on unless the person requires it and only upon consent (L7399–L7401).
 */
export const CONSENT_PURPOSES = ['assistance', 'sharing', 'return', 'prosecution'] as const;
/**
 * The data a consent covers. Seed L6242: "her trafficking story, needs, and risks"; L6245: "the form of exploitation
 * suffered" kept back on request; L7400: "the person's needs and details for picking her up".
 */
export const CONSENT_SCOPES = [
  'identity',
  'contact',
  'health',
  'family',
  'exploitation-form',
  'needs-and-risks',
  'travel',
  'legal',
] as const;
/** Seed L6242–L6243: verbal consent, or written where the situation or procedure requires it. */
export const CONSENT_FORMS = ['verbal', 'written'] as const;
export const CONSENT_GIVERS = ['person', 'guardian', 'responsible-authority'] as const;

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export type ConsentForm = (typeof CONSENT_FORMS)[number];
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

/**
 * What a step needs before it may run: a step that passes data to another agency waits until an active consent of
 * this purpose names that agency and covers every scope listed.
 */
export interface ConsentRequirement {
  purpose: ConsentPurpose;
  /** For `sharing`: the participant slot whose agency receives the data. */
  withSlot?: string;
  scope: readonly ConsentScope[];
}

/** A consent the workflow writes itself when a step records the person's decision (e.g. AVR `record-consent`). */
export interface StepConsent {
  purpose: ConsentPurpose;
  sharedWithAgency?: string;
  /** The person it is given for (a code such as W1), in a case about several people. */
  subject?: string;
  /** The person asked that what it shares is not disclosed to their family (L6244-L6245). */
  notForFamily?: boolean;
  scope: readonly ConsentScope[];
}

/** True when `scope` covers every scope `needed` lists. */
export function coversScope(scope: readonly string[], needed: readonly string[]): boolean {
  return needed.every((s) => scope.includes(s));
}
