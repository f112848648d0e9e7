import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-border referrals between deployments (docs/referral-protocol.md):
 * - referral_own_keys: this deployment's signing (Ed25519) and encryption (X25519) key pairs; the private half is
 *   sealed under the deployment's system data key (wrapped by the master key), never stored in the clear;
 * - referral_partners / referral_partner_keys: the partner directory, with key rotation and revocation;
 * - referrals: one row per referral and direction (`out` sent by us, `in` received), its state and history; the
 *   packet's fields sealed under a data key (the sender case's key for `out`, the referral's own for `in`, so a
 *   withdrawal destroys what was received by destroying its key);
 * - referral_messages: every message id sent or received, with the acknowledgement answered for it (a resend of a
 *   message gets the same acknowledgement back and changes nothing);
 * - referral_packets_seen: digests of received packets (the same bytes again are a replay).
 */
export class Referrals1764500000000 implements MigrationInterface {
  name = 'Referrals1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_own_keys (
        kid text PRIMARY KEY,
        use text NOT NULL CHECK (use IN ('sig', 'enc')),
        public_jwk jsonb NOT NULL,
        sealed_private bytea NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'previous', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX referral_own_keys_one_active ON referral_own_keys (use) WHERE status = 'active'`,
    );
    await q.query(`
      CREATE TABLE referral_partners (
        id text PRIMARY KEY,
        name text NOT NULL,
        country text NOT NULL,
        base_url text NOT NULL,
        accepts jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE referral_partner_keys (
        kid text PRIMARY KEY,
        partner_id text NOT NULL REFERENCES referral_partners (id),
        use text NOT NULL CHECK (use IN ('sig', 'enc')),
        jwk jsonb NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
        added_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE referrals (
        id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('out', 'in')),
        partner_id text NOT NULL REFERENCES referral_partners (id),
        local_agency text NOT NULL,
        remote_agency text NOT NULL,
        sop text NOT NULL,
        case_id uuid,
        consent_id uuid,
        person_code text NOT NULL,
        state text NOT NULL,
        decline_reason text,
        attempts integer NOT NULL DEFAULT 0,
        ack_overdue boolean NOT NULL DEFAULT false,
        decision_due_at timestamptz,
        decision_overdue boolean NOT NULL DEFAULT false,
        sealed_fields bytea,
        consent jsonb,
        history jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, direction)
      )`);
    await q.query(`CREATE INDEX referrals_case_idx ON referrals (case_id) WHERE case_id IS NOT NULL`);
    await q.query(`CREATE INDEX referrals_consent_idx ON referrals (consent_id) WHERE consent_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX referrals_incoming_idx ON referrals (local_agency, created_at DESC) WHERE direction = 'in'`,
    );
    await q.query(`
      CREATE TABLE referral_messages (
        message_id uuid NOT NULL,
        referral_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('out', 'in')),
        type text NOT NULL,
        partner_id text NOT NULL,
        ack_packet text,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, direction)
      )`);
    await q.query(`CREATE INDEX referral_messages_referral_idx ON referral_messages (referral_id)`);
    await q.query(`
      CREATE TABLE referral_packets_seen (
        digest text PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    // A sharing consent may name a partner deployment's agency (`deployment/agency`) as its one recipient.
    await q.query(`ALTER TABLE consents ADD COLUMN shared_with_partner text
      CHECK (shared_with_partner IS NULL OR shared_with_partner ~ '^[a-z0-9-]{1,64}/[a-z0-9-]{1,64}$')`);
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_sharing_names_recipient`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT consents_sharing_names_recipient
      CHECK (purpose <> 'sharing' OR shared_with_agency IS NOT NULL OR shared_with_kind IS NOT NULL
             OR shared_with_partner IS NOT NULL)`);
    // The person asked that what the consent shares is not disclosed to their family (L6244-L6245).
    await q.query(`ALTER TABLE consents ADD COLUMN not_for_family boolean NOT NULL DEFAULT false`);
    // A consent given for one person of a multi-person case (W2): it opens only that person's records.
    await q.query(
      `ALTER TABLE consents ADD COLUMN subject text CHECK (subject IS NULL OR subject ~ '^[A-Za-z0-9-]{1,16}$')`,
    );
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_one_recipient`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT consents_one_recipient
      CHECK (num_nonnulls(shared_with_agency, shared_with_kind, shared_with_partner) <= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_one_recipient`);
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_sharing_names_recipient`);
    await q.query(`ALTER TABLE consents DROP COLUMN shared_with_partner`);
    await q.query(`ALTER TABLE consents DROP COLUMN subject`);
    await q.query(`ALTER TABLE consents DROP COLUMN not_for_family`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT consents_sharing_names_recipient
      CHECK (purpose <> 'sharing' OR shared_with_agency IS NOT NULL OR shared_with_kind IS NOT NULL)`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT consents_one_recipient
      CHECK (shared_with_agency IS NULL OR shared_with_kind IS NULL)`);
    for (const t of [
      'referral_packets_seen',
      'referral_messages',
      'referrals',
      'referral_partner_keys',
      'referral_partners',
      'referral_own_keys',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
