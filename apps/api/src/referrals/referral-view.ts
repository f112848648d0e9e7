import type { ReferralRow } from '@waymark/referral';

/** A referral as its sender sees it on the case: ids, codes, states and times, never the fields. */
export function outgoingView(r: ReferralRow) {
  return {
    referralId: r.id,
    partner: r.partner_id,
    agency: r.remote_agency,
    sop: r.sop,
    personCode: r.person_code,
    consentId: r.consent_id,
    state: r.state,
    declineReason: r.decline_reason,
    attempts: r.attempts,
    ackOverdue: r.ack_overdue,
    decisionOverdue: r.decision_overdue,
    sentAt: r.created_at.toISOString(),
    history: r.history,
  };
}

/** An incoming referral in the receiving agency's list. */
export function incomingView(r: ReferralRow) {
  return {
    referralId: r.id,
    from: { deployment: r.partner_id, agency: r.remote_agency },
    sop: r.sop,
    personCode: r.person_code,
    state: r.state,
    declineReason: r.decline_reason,
    caseId: r.case_id,
    receivedAt: r.created_at.toISOString(),
    decisionDueAt: r.decision_due_at?.toISOString() ?? null,
    decisionOverdue: r.decision_overdue,
    consent: r.consent,
    history: r.history,
  };
}
