import type { FindConsentInput } from '@waymark/contracts';
import type { DataSource, EntityManager } from 'typeorm';

export interface ConsentRow {
  id: string;
  case_id: string;
  purpose: string;
  shared_with_agency: string | null;
  /** A kind of agency instead of one agency (every agency of that kind in the case's slots). */
  shared_with_kind: string | null;
  /** A partner deployment's agency (`deployment/agency`), for a cross-border referral (docs/referral-protocol.md). */
  shared_with_partner: string | null;
  /** The person it was given for (a code such as W2); null: the case's person, or everyone in the case. */
  subject: string | null;
  /** The person asked that what it shares is not disclosed to their family (L6244-L6245). */
  not_for_family: boolean;
  scope: string[];
  form: string;
  given_by: string;
  recorded_by_sub: string;
  recorded_by_agency: string;
  recorded_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by_sub: string | null;
  /** After this the consent is no longer active (null: until withdrawn). */
  valid_until: Date | null;
}

export interface NewConsent {
  id: string;
  caseId: string;
  purpose: string;
  sharedWithAgency: string | null;
  sharedWithKind?: string | null;
  sharedWithPartner?: string | null;
  subject?: string | null;
  notForFamily?: boolean;
  validUntil?: string | null;
  scope: readonly string[];
  form: string;
  givenBy: string;
  recordedBySub: string;
  recordedByAgency: string;
}

const COLUMNS = `id, case_id, purpose, shared_with_agency, shared_with_kind, shared_with_partner, subject, not_for_family, scope, form, given_by, recorded_by_sub,
  recorded_by_agency, recorded_at, withdrawn_at, withdrawn_by_sub, valid_until`;

/**
 * The only module with SQL on `consents` (see libs/database/src/table-owners.ts): the API's consent records, a
 * step form's consents, the workflow's gate look-up, the access policy's facts and the erasure all come here.
 */
export class ConsentStore {
  constructor(private readonly ds: DataSource) {}

  /** Inserts unless the id exists (a retried write); returns the row, or undefined when it was already there. */
  async insert(c: NewConsent, em: EntityManager = this.ds.manager): Promise<ConsentRow | undefined> {
    const rows = (await em.query(
      `INSERT INTO consents (id, case_id, purpose, shared_with_agency, scope, form, given_by, recorded_by_sub,
         recorded_by_agency, shared_with_kind, valid_until, shared_with_partner, subject, not_for_family)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        c.id,
        c.caseId,
        c.purpose,
        c.sharedWithAgency,
        [...c.scope],
        c.form,
        c.givenBy,
        c.recordedBySub,
        c.recordedByAgency,
        c.sharedWithKind ?? null,
        c.validUntil ?? null,
        c.sharedWithPartner ?? null,
        c.subject ?? null,
        c.notForFamily ?? false,
      ],
    )) as ConsentRow[];
    return rows[0];
  }

  async listForCase(caseId: string): Promise<ConsentRow[]> {
    return (await this.ds.query(`SELECT ${COLUMNS} FROM consents WHERE case_id = $1 ORDER BY recorded_at, id`, [
      caseId,
    ])) as ConsentRow[];
  }

  /** One consent of the case, or undefined. */
  async get(caseId: string, consentId: string): Promise<ConsentRow | undefined> {
    const rows = (await this.ds.query(`SELECT ${COLUMNS} FROM consents WHERE id = $1 AND case_id = $2`, [
      consentId,
      caseId,
    ])) as ConsentRow[];
    return rows[0];
  }

  /** An active consent of this purpose (naming the agency, for sharing) that covers every scope asked for. */
  async findActive(input: FindConsentInput): Promise<{ consentId: string } | null> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM consents
        WHERE case_id = $1 AND purpose = $2 AND withdrawn_at IS NULL
          AND (valid_until IS NULL OR valid_until > now())
          AND ($3::text IS NULL OR shared_with_agency = $3 OR ($5::text IS NOT NULL AND shared_with_kind = $5))
          AND scope @> $4::text[]
          AND ($6::text IS NULL OR subject IS NULL OR subject = $6)
        ORDER BY recorded_at DESC LIMIT 1`,
      [
        input.caseId,
        input.purpose,
        input.sharedWithAgency ?? null,
        [...input.scope],
        input.sharedWithKind ?? null,
        input.subject ?? null,
      ],
    );
    return rows[0] ? { consentId: rows[0].id } : null;
  }

  /** Whether the consent exists in the case and when it was withdrawn, locking it for a withdrawal. */
  async lockForWithdrawal(em: EntityManager, caseId: string, consentId: string) {
    const [current]: { withdrawn_at: Date | null }[] = await em.query(
      `SELECT withdrawn_at FROM consents WHERE id = $1 AND case_id = $2 FOR UPDATE`,
      [consentId, caseId],
    );
    return current;
  }

  async withdraw(em: EntityManager, consentId: string, bySub: string, reason: string): Promise<ConsentRow> {
    const [row]: ConsentRow[] = await em.query(
      // Wrapped in a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH u AS (UPDATE consents SET withdrawn_at = now(), withdrawn_by_sub = $2, withdrawal_reason = $3
        WHERE id = $1 RETURNING ${COLUMNS}) SELECT * FROM u`,
      [consentId, bySub, reason],
    );
    return row;
  }

  /** Erasure: a withdrawal's reason may hold personal data. */
  async redact(em: EntityManager, caseId: string): Promise<void> {
    await em.query(
      `UPDATE consents SET withdrawal_reason = 'erased' WHERE case_id = $1 AND withdrawal_reason IS NOT NULL`,
      [caseId],
    );
  }
}
