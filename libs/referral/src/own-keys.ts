import type { CaseKeyring } from '@waymark/codec';
import { open, seal } from '@waymark/codec';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The data key the private halves are sealed under: the deployment's `system` key, wrapped by the master key. */
const KEY_OWNER = 'system';
const aad = (kid: string) => `waymark-referral-key:${kid}`;

export type KeyUse = 'sig' | 'enc';
export const ALG: Readonly<Record<KeyUse, string>> = { sig: 'EdDSA', enc: 'ECDH-ES+A256KW' };

export interface PublicKeyView {
  kid: string;
  use: KeyUse;
  status: 'active' | 'previous';
  jwk: JWK;
}

interface Row {
  kid: string;
  use: KeyUse;
  public_jwk: JWK;
  sealed_private: Buffer;
  status: 'active' | 'previous' | 'retired';
}

/**
 * This deployment's key pairs for the referral protocol: an Ed25519 pair to sign and an X25519 pair to decrypt.
 * The private halves are sealed under the deployment's system data key (itself wrapped by the master key, so a
 * master-key rotation covers them). A rotation makes new pairs active and keeps the last ones as `previous`, so a
 * packet encrypted to the previous key during the overlap still opens; older ones are retired.
 */
export class OwnKeys {
  private readonly cache = new Map<string, KeyLike | Uint8Array>();

  constructor(
    private readonly ds: DataSource,
    private readonly keyring: CaseKeyring,
  ) {}

  /** Creates the first pairs when there are none (idempotent: concurrent callers end with one active pair each). */
  async ensure(): Promise<void> {
    for (const use of ['sig', 'enc'] as const) {
      const rows = (await this.ds.query(`SELECT kid FROM referral_own_keys WHERE use = $1 AND status = 'active'`, [
        use,
      ])) as { kid: string }[];
      if (rows.length === 0) await this.insert(use, 'active');
    }
  }

  /** New active pairs; the current ones become `previous`, older ones `retired`. */
  async rotate(): Promise<PublicKeyView[]> {
    await this.ensure();
    await this.ds.transaction(async (em) => {
      await em.query(`UPDATE referral_own_keys SET status = 'retired' WHERE status = 'previous'`);
      await em.query(`UPDATE referral_own_keys SET status = 'previous' WHERE status = 'active'`);
      for (const use of ['sig', 'enc'] as const) await this.insert(use, 'active', em.query.bind(em));
    });
    return this.publicKeys();
  }

  /** What partners register: the active and previous public keys. */
  async publicKeys(): Promise<PublicKeyView[]> {
    await this.ensure();
    const rows = (await this.ds.query(
      `SELECT kid, use, public_jwk, status FROM referral_own_keys WHERE status <> 'retired' ORDER BY use, created_at DESC`,
    )) as Row[];
    return rows.map((r) => ({ kid: r.kid, use: r.use, status: r.status as 'active' | 'previous', jwk: r.public_jwk }));
  }

  /** The active signing key. */
  async signing(): Promise<{ kid: string; privateKey: KeyLike | Uint8Array }> {
    const row = await this.activeRow('sig');
    return { kid: row.kid, privateKey: await this.privateKey(row) };
  }

  /** Our decryption key by id: the active one or the previous one (a rotation's overlap). */
  async decryption(kid: string): Promise<KeyLike | Uint8Array | undefined> {
    const rows = (await this.ds.query(
      `SELECT kid, use, public_jwk, sealed_private, status FROM referral_own_keys
        WHERE kid = $1 AND use = 'enc' AND status <> 'retired'`,
      [kid],
    )) as Row[];
    return rows[0] ? this.privateKey(rows[0]) : undefined;
  }

  private async activeRow(use: KeyUse): Promise<Row> {
    await this.ensure();
    const rows = (await this.ds.query(
      `SELECT kid, use, public_jwk, sealed_private, status FROM referral_own_keys WHERE use = $1 AND status = 'active'`,
      [use],
    )) as Row[];
    return rows[0];
  }

  private async privateKey(row: Row): Promise<KeyLike | Uint8Array> {
    const hit = this.cache.get(row.kid);
    if (hit) return hit;
    const data = await this.keyring.keyForDecode(KEY_OWNER);
    const jwk = JSON.parse(open(data, row.sealed_private, aad(row.kid)).toString('utf8')) as JWK;
    const key = await importJWK(jwk, ALG[row.use]);
    this.cache.set(row.kid, key);
    return key;
  }

  private async insert(
    use: KeyUse,
    status: 'active',
    query: (sql: string, params: unknown[]) => Promise<unknown> = (sql, params) => this.ds.query(sql, params),
  ): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(ALG[use], {
      crv: use === 'sig' ? 'Ed25519' : 'X25519',
      extractable: true,
    });
    const kid = `${use}-${randomUUID()}`;
    const data = await this.keyring.keyForEncode(KEY_OWNER);
    const sealed = seal(data, Buffer.from(JSON.stringify(await exportJWK(privateKey)), 'utf8'), aad(kid));
    const pub = { ...(await exportJWK(publicKey)), kid, use, alg: ALG[use] };
    // The partial unique index allows one active key per use: a concurrent ensure() loses here, harmlessly.
    await query(
      `INSERT INTO referral_own_keys (kid, use, public_jwk, sealed_private, status)
       VALUES ($1, $2, $3::jsonb, $4, $5) ON CONFLICT DO NOTHING`,
      [kid, use, JSON.stringify(pub), sealed, status],
    );
  }
}
