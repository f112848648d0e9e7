import type { DataSource, EntityManager } from 'typeorm';
import type { ReferralState } from './referral-states';

export type Direction = 'out' | 'in';

/**
 * The additional data a referral's sealed fields are bound to. Sent fields are sealed under the sender case's data
 * key (erasing the case erases them); received ones under a key of the referral's own (a withdrawal destroys it).
 */
export const referralFieldsAad = (referralId: string) => `waymark-referral-fields:${referralId}`;
export { REFERRAL_STATES, type ReferralState } from './referral-states';

/** A state only moves forward: a late or repeated message never takes a referral back. */
const RANK: Readonly<Record<ReferralState, number>> = {
  sending: 0,
  received: 1,
  accepted: 2,
  declined: 2,
  'person-arrived': 3,
  closed: 4,
  'withdrawal-sent': 5,
  withdrawn: 6,
  failed: 7,
};

export interface ReferralRow {
  id: string;
  direction: Direction;
  partner_id: string;
  local_agency: string;
  remote_agency: string;
  sop: string;
  case_id: string | null;
  consent_id: string | null;
  person_code: string;
  state: ReferralState;
  decline_reason: string | null;
  attempts: number;
  ack_overdue: boolean;
  decision_due_at: Date | null;
  decision_overdue: boolean;
  sealed_fields: Buffer | null;
  consent: { consentId: string; purpose: string; scope: string[]; validUntil?: string } | null;
  history: { state: ReferralState; at: string; detail?: string }[];
  created_at: Date;
}

export interface NewReferral {
  id: string;
  direction: Direction;
  partnerId: string;
  localAgency: string;
  remoteAgency: string;
  sop: string;
  caseId?: string | null;
  consentId?: string | null;
  personCode: string;
  state: ReferralState;
  sealedFields: Buffer;
  consent: ReferralRow['consent'];
  decisionDueAt?: string | null;
}

const COLUMNS = `id, direction, partner_id, local_agency, remote_agency, sop, case_id, consent_id, person_code, state,
  decline_reason, attempts, ack_overdue, decision_due_at, decision_overdue, sealed_fields, consent, history, created_at`;

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * Referrals sent and received, the messages exchanged for them and the packets seen. A referral id is the same on
 * both sides (the sender's); a deployment that refers to itself keeps one row per direction.
 */
export class ReferralStore {
  constructor(private readonly ds: DataSource) {}

  private q(em?: EntityManager): Query {
    return em ? (sql, params) => em.query(sql, params) : (sql, params) => this.ds.query(sql, params);
  }

  /** Inserts unless the referral exists in that direction (a retried request); says whether it was created. */
  async create(r: NewReferral, em?: EntityManager): Promise<boolean> {
    const rows = (await this.q(em)(
      `INSERT INTO referrals (id, direction, partner_id, local_agency, remote_agency, sop, case_id, consent_id,
         person_code, state, sealed_fields, consent, decision_due_at, history)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13,
              jsonb_build_array(jsonb_build_object('state', $10::text, 'at', now()))
        WHERE NOT EXISTS (SELECT 1 FROM referrals WHERE id = $1 AND direction = $2)
       RETURNING id`,
      [
        r.id,
        r.direction,
        r.partnerId,
        r.localAgency,
        r.remoteAgency,
        r.sop,
        r.caseId ?? null,
        r.consentId ?? null,
        r.personCode,
        r.state,
        r.sealedFields,
        JSON.stringify(r.consent),
        r.decisionDueAt ?? null,
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  async get(id: string, direction: Direction, em?: EntityManager): Promise<ReferralRow | undefined> {
    const rows = (await this.q(em)(`SELECT ${COLUMNS} FROM referrals WHERE id = $1 AND direction = $2`, [
      id,
      direction,
    ])) as ReferralRow[];
    return rows[0];
  }

  async listForCase(caseId: string): Promise<ReferralRow[]> {
    return (await this.ds.query(
      `SELECT ${COLUMNS} FROM referrals WHERE case_id = $1 AND direction = 'out' ORDER BY created_at, id`,
      [caseId],
    )) as ReferralRow[];
  }

  async listIncoming(agency: string, limit = 100): Promise<ReferralRow[]> {
    return (await this.ds.query(
      `SELECT ${COLUMNS} FROM referrals WHERE direction = 'in' AND local_agency = $1 ORDER BY created_at DESC LIMIT $2`,
      [agency, limit],
    )) as ReferralRow[];
  }

  /** Outgoing referrals that travel under a consent (a withdrawal reaches each). */
  async outgoingUnderConsent(consentId: string): Promise<ReferralRow[]> {
    return (await this.ds.query(
      `SELECT ${COLUMNS} FROM referrals WHERE direction = 'out' AND consent_id = $1 ORDER BY created_at`,
      [consentId],
    )) as ReferralRow[];
  }

  /**
   * Moves the referral to `state` when that is forward of where it is (a repeat or a late message changes nothing);
   * says whether it moved.
   */
  async transition(
    id: string,
    direction: Direction,
    state: ReferralState,
    extra: { declineReason?: string; caseId?: string; clearFields?: boolean } = {},
    em?: EntityManager,
  ): Promise<boolean> {
    const lower = Object.entries(RANK)
      .filter(([, rank]) => rank < RANK[state])
      .map(([s]) => s);
    const rows = (await this.q(em)(
      `WITH u AS (
         UPDATE referrals SET state = $3, updated_at = now(),
           decline_reason = COALESCE($5, decline_reason),
           case_id = CASE WHEN direction = 'in' THEN COALESCE($6::uuid, case_id) ELSE case_id END,
           sealed_fields = CASE WHEN $7 THEN NULL ELSE sealed_fields END,
           history = history || jsonb_build_array(jsonb_build_object('state', $3::text, 'at', now()))
         WHERE id = $1 AND direction = $2 AND state = ANY($4::text[]) RETURNING id)
       SELECT id FROM u`,
      [id, direction, state, lower, extra.declineReason ?? null, extra.caseId ?? null, extra.clearFields === true],
    )) as unknown[];
    return rows.length > 0;
  }

  /** One more delivery attempt of an outgoing message (shown to the sender while the partner is away). */
  async noteAttempt(id: string, direction: Direction): Promise<void> {
    await this.ds.query(`UPDATE referrals SET attempts = attempts + 1 WHERE id = $1 AND direction = $2`, [
      id,
      direction,
    ]);
  }

  /** Flags a missed target (`ack` on the sender, `decision` on the receiver); says whether it was newly flagged. */
  async flagOverdue(id: string, direction: Direction, what: 'ack' | 'decision'): Promise<boolean> {
    const column = what === 'ack' ? 'ack_overdue' : 'decision_overdue';
    const rows = (await this.ds.query(
      `WITH u AS (UPDATE referrals SET ${column} = true WHERE id = $1 AND direction = $2 AND NOT ${column}
        RETURNING id) SELECT id FROM u`,
      [id, direction],
    )) as unknown[];
    return rows.length > 0;
  }

  // --- messages and packets

  /** Records a message sent (once acknowledged) or received (with the acknowledgement answered for it). */
  async recordMessage(
    m: {
      messageId: string;
      referralId: string;
      direction: Direction;
      type: string;
      partnerId: string;
      ackPacket?: string;
    },
    em?: EntityManager,
  ): Promise<void> {
    await this.q(em)(
      `INSERT INTO referral_messages (message_id, referral_id, direction, type, partner_id, ack_packet)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id, direction) DO NOTHING`,
      [m.messageId, m.referralId, m.direction, m.type, m.partnerId, m.ackPacket ?? null],
    );
  }

  /** A message received before under this id: who sent it and the acknowledgement it got. */
  async received(
    messageId: string,
  ): Promise<{ referral_id: string; partner_id: string; ack_packet: string | null } | undefined> {
    const rows = (await this.ds.query(
      `SELECT referral_id, partner_id, ack_packet FROM referral_messages WHERE message_id = $1 AND direction = 'in'`,
      [messageId],
    )) as { referral_id: string; partner_id: string; ack_packet: string | null }[];
    return rows[0];
  }

  /** Records a received packet's digest; true when the very same bytes came before (a replay). */
  async packetSeenBefore(digest: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `INSERT INTO referral_packets_seen (digest) VALUES ($1) ON CONFLICT (digest) DO NOTHING RETURNING digest`,
      [digest],
    )) as unknown[];
    return rows.length === 0;
  }
}
