import type { ConsentRow } from '@waymark/cases';
import { CONSENT_SCOPES, type ConsentFact } from '@waymark/contracts';

/**
 * A case's consents as the access policy and the field rules read them (withdrawn and expired ones included,
 * marked), and each agency holding a running break-glass grant as a consent covering every scope for it.
 */
export function consentFacts(rows: readonly ConsentRow[], grantAgencies: readonly string[]): ConsentFact[] {
  return [
    ...rows.map((r) => ({
      purpose: r.purpose,
      subject: r.subject,
      sharedWithAgency: r.shared_with_agency,
      sharedWithKind: r.shared_with_kind,
      scope: r.scope,
      withdrawn: r.withdrawn_at !== null,
      validUntil: r.valid_until?.toISOString() ?? null,
    })),
    ...grantAgencies.map((agencyId) => ({
      purpose: 'sharing',
      sharedWithAgency: agencyId,
      scope: [...CONSENT_SCOPES],
      withdrawn: false,
    })),
  ];
}
