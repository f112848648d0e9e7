import type { DataSource } from 'typeorm';
import { auditHash, GENESIS_HASH, type AuditDetail } from './audit-hash';

/** Transaction-scoped advisory lock key ("WAYMAUDT"): one chainer at a time links entries, so the chain never forks. */
export const AUDIT_CHAIN_LOCK = '6287404743129384020';
/** Entries linked per transaction. */
const CHAIN_BATCH = 500;

interface PendingRow {
  id: string;
  at: Date;
  actor_sub: string | null;
  agency_id: string | null;
  action: string;
  case_id: string | null;
  compartment: string | null;
  request_id: string | null;
  detail: AuditDetail;
}

/**
 * Links entries written since the last run (`audit_pending`) into `audit_chain`, in the order it finds them:
 * each link holds the entry's id, the previous link's hash and `sha256(prev_hash + canonical entry)`. Writers never
 * wait for each other on the chain: only the chainer takes the lock, and a second chainer (another API or worker)
 * skips its turn while one runs. A run is one transaction per batch, so a crash mid-run links nothing twice and
 * loses nothing: the pending rows are still there for the next run.
 */
export async function chainPending(ds: DataSource, opts: { wait?: boolean } = {}): Promise<number> {
  let linked = 0;
  for (;;) {
    const n = await ds.transaction(async (em) => {
      if (opts.wait) {
        await em.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_CHAIN_LOCK]);
      } else {
        const [{ locked }] = (await em.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [
          AUDIT_CHAIN_LOCK,
        ])) as { locked: boolean }[];
        if (!locked) return -1;
      }
      const pending = (await em.query(
        `SELECT l.id, l.at, l.actor_sub, l.agency_id, l.action, l.case_id, l.compartment, l.request_id, l.detail
           FROM audit_pending p JOIN audit_log l ON l.id = p.audit_id ORDER BY p.audit_id LIMIT $1`,
        [CHAIN_BATCH],
      )) as PendingRow[];
      if (pending.length === 0) return 0;
      const [last] = (await em.query('SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1')) as {
        seq: string;
        hash: string;
      }[];
      let seq = BigInt(last?.seq ?? '0');
      let prev = last?.hash ?? GENESIS_HASH;
      const links = { seq: [] as string[], id: [] as string[], prev: [] as string[], hash: [] as string[] };
      for (const r of pending) {
        const hash = auditHash(prev, {
          at: r.at,
          actorSub: r.actor_sub,
          agencyId: r.agency_id,
          action: r.action,
          caseId: r.case_id,
          compartment: r.compartment,
          requestId: r.request_id,
          detail: r.detail ?? {},
        });
        seq += 1n;
        links.seq.push(seq.toString());
        links.id.push(String(r.id));
        links.prev.push(prev);
        links.hash.push(hash);
        prev = hash;
      }
      await em.query(
        `INSERT INTO audit_chain (seq, audit_id, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
        [links.seq, links.id, links.prev, links.hash],
      );
      await em.query('DELETE FROM audit_pending WHERE audit_id = ANY($1::bigint[])', [links.id]);
      return pending.length;
    });
    if (n <= 0) return linked;
    linked += n;
  }
}
