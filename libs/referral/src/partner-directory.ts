import { importJWK, type JWK, type KeyLike } from 'jose';
import type { DataSource } from 'typeorm';
import { ALG, type KeyUse } from './own-keys';
import type { PartnerSigningKey } from './referral-seal';

export interface PartnerKeyInput {
  kid: string;
  use: KeyUse;
  jwk: JWK;
}

export interface PartnerInput {
  name: string;
  country: string;
  baseUrl: string;
  keys: PartnerKeyInput[];
  /** Which of the partner's agencies take which referral types (receiving SOPs). */
  accepts: { agency: string; sops: string[] }[];
}

export interface PartnerView {
  id: string;
  name: string;
  country: string;
  baseUrl: string;
  accepts: { agency: string; sops: string[] }[];
  keys: { kid: string; use: KeyUse; status: 'active' | 'revoked'; addedAt: string; revokedAt: string | null }[];
}

interface PartnerRow {
  id: string;
  name: string;
  country: string;
  base_url: string;
  accepts: { agency: string; sops: string[] }[];
}

interface KeyRow {
  kid: string;
  partner_id: string;
  use: KeyUse;
  jwk: JWK;
  status: 'active' | 'revoked';
  added_at: Date;
  revoked_at: Date | null;
}

/**
 * The partner deployments this one exchanges referrals with: their address, their public keys (rotated by adding a
 * key, revoked by marking it; a revoked key stays known so its messages are refused as `revoked_key`) and which of
 * their agencies take which referral types.
 */
export class PartnerDirectory {
  constructor(private readonly ds: DataSource) {}

  /** Registers or updates a partner. Keys are added (never dropped: a rotation overlaps); `accepts` is replaced. */
  async upsert(id: string, p: PartnerInput): Promise<{ created: boolean }> {
    return this.ds.transaction(async (em) => {
      const existing = (await em.query(`SELECT id FROM referral_partners WHERE id = $1 FOR UPDATE`, [id])) as unknown[];
      await em.query(
        `INSERT INTO referral_partners (id, name, country, base_url, accepts) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (id) DO UPDATE SET name = $2, country = $3, base_url = $4, accepts = $5::jsonb, updated_at = now()`,
        [id, p.name, p.country, p.baseUrl, JSON.stringify(p.accepts)],
      );
      for (const k of p.keys) {
        const owner = (await em.query(`SELECT partner_id FROM referral_partner_keys WHERE kid = $1`, [k.kid])) as {
          partner_id: string;
        }[];
        if (owner[0] && owner[0].partner_id !== id) throw new KeyOwnedElsewhereError(k.kid);
        await em.query(
          `INSERT INTO referral_partner_keys (kid, partner_id, use, jwk) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (kid) DO NOTHING`,
          [k.kid, id, k.use, JSON.stringify(k.jwk)],
        );
      }
      return { created: existing.length === 0 };
    });
  }

  async revokeKey(partnerId: string, kid: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `WITH u AS (UPDATE referral_partner_keys SET status = 'revoked', revoked_at = COALESCE(revoked_at, now())
         WHERE partner_id = $1 AND kid = $2 RETURNING kid) SELECT kid FROM u`,
      [partnerId, kid],
    )) as unknown[];
    return rows.length > 0;
  }

  async list(): Promise<PartnerView[]> {
    const rows = (await this.ds.query(
      `SELECT id, name, country, base_url, accepts FROM referral_partners ORDER BY id`,
    )) as PartnerRow[];
    const keys = (await this.ds.query(
      `SELECT kid, partner_id, use, jwk, status, added_at, revoked_at FROM referral_partner_keys ORDER BY added_at`,
    )) as KeyRow[];
    return rows.map((r) =>
      view(
        r,
        keys.filter((k) => k.partner_id === r.id),
      ),
    );
  }

  async get(id: string): Promise<PartnerView | undefined> {
    const rows = (await this.ds.query(
      `SELECT id, name, country, base_url, accepts FROM referral_partners WHERE id = $1`,
      [id],
    )) as PartnerRow[];
    if (!rows[0]) return undefined;
    const keys = (await this.ds.query(
      `SELECT kid, partner_id, use, jwk, status, added_at, revoked_at FROM referral_partner_keys
        WHERE partner_id = $1 ORDER BY added_at`,
      [id],
    )) as KeyRow[];
    return view(rows[0], keys);
  }

  /** Does the partner list this agency as taking referrals (of this SOP, when one is given)? */
  async acceptsAgency(partnerId: string, agency: string, sop?: string): Promise<boolean> {
    const p = await this.get(partnerId);
    return !!p?.accepts.some((a) => a.agency === agency && (sop === undefined || a.sops.includes(sop)));
  }

  /** A partner's signing key by id, with the partner it belongs to; undefined when no partner registered it. */
  async signingKey(kid: string): Promise<(PartnerSigningKey & { partnerId: string }) | undefined> {
    const rows = (await this.ds.query(
      `SELECT kid, partner_id, use, jwk, status FROM referral_partner_keys WHERE kid = $1 AND use = 'sig'`,
      [kid],
    )) as KeyRow[];
    if (!rows[0]) return undefined;
    return {
      key: (await importJWK(rows[0].jwk, ALG.sig)) as KeyLike,
      revoked: rows[0].status === 'revoked',
      partnerId: rows[0].partner_id,
    };
  }

  /** The partner's newest active encryption key: what a packet to it is encrypted to. */
  async encryptionKey(partnerId: string): Promise<{ kid: string; publicKey: KeyLike | Uint8Array } | undefined> {
    const rows = (await this.ds.query(
      `SELECT kid, partner_id, use, jwk, status FROM referral_partner_keys
        WHERE partner_id = $1 AND use = 'enc' AND status = 'active' ORDER BY added_at DESC LIMIT 1`,
      [partnerId],
    )) as KeyRow[];
    if (!rows[0]) return undefined;
    return { kid: rows[0].kid, publicKey: await importJWK(rows[0].jwk, ALG.enc) };
  }
}

/** A key id another partner already registered: refused, so no partner can speak with another's key. */
export class KeyOwnedElsewhereError extends Error {
  constructor(readonly kid: string) {
    super('A key with this id belongs to another partner.');
    this.name = 'KeyOwnedElsewhereError';
  }
}

function view(r: PartnerRow, keys: KeyRow[]): PartnerView {
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    baseUrl: r.base_url,
    accepts: r.accepts,
    keys: keys.map((k) => ({
      kid: k.kid,
      use: k.use,
      status: k.status,
      addedAt: k.added_at.toISOString(),
      revokedAt: k.revoked_at?.toISOString() ?? null,
    })),
  };
}
