import type { SqlQuery } from './key-store';
import { unwrapDataKey, wrapDataKey } from './keyring';
import type { MasterKeys } from './master-key';

export interface RewrapReport {
  /** Live data keys (erased cases have none) when the run began. */
  total: number;
  /** Moved from a previous master key to the current one. */
  rewrapped: number;
  /** Already under the current master key (a repeated or resumed run). */
  alreadyCurrent: number;
  /** Changed by someone else while this run looked (an erasure): left alone. */
  changedMeanwhile: number;
  /** Case ids whose key no given master key opens: the rotation is not finished while any remain. */
  unreadable: string[];
}

interface Row {
  case_id: string;
  wrapped_key: Buffer;
}

/**
 * Rewraps every live data key in `case_keys` under `keys.current`, in batches, committing as it goes: a crash loses
 * nothing (a key is either still under its old master key or already under the new one, and both unwrap while
 * `keys.previous` is configured), and running it again resumes. Each update only lands if the row still holds the
 * value read (an erasure meanwhile wins). The data keys themselves never change, so no Temporal payload is touched.
 */
export async function rewrapCaseKeys(
  query: SqlQuery,
  keys: MasterKeys,
  opts: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<RewrapReport> {
  const batchSize = opts.batchSize ?? 500;
  const [{ n }] = (await query('SELECT count(*)::int AS n FROM case_keys WHERE wrapped_key IS NOT NULL', [])) as {
    n: number;
  }[];
  const report: RewrapReport = { total: n, rewrapped: 0, alreadyCurrent: 0, changedMeanwhile: 0, unreadable: [] };
  let after = '';
  let done = 0;
  for (;;) {
    const rows = (await query(
      'SELECT case_id, wrapped_key FROM case_keys WHERE wrapped_key IS NOT NULL AND case_id > $1 ORDER BY case_id LIMIT $2',
      [after, batchSize],
    )) as Row[];
    if (rows.length === 0) break;
    const moves: { id: string; wrapped: Buffer; old: Buffer }[] = [];
    for (const row of rows) {
      let unwrapped: { key: Buffer; index: number };
      try {
        unwrapped = unwrapDataKey(keys, row.case_id, row.wrapped_key);
      } catch {
        report.unreadable.push(row.case_id);
        continue;
      }
      if (unwrapped.index === 0) report.alreadyCurrent++;
      else
        moves.push({
          id: row.case_id,
          wrapped: wrapDataKey(keys.current, row.case_id, unwrapped.key),
          old: row.wrapped_key,
        });
    }
    if (moves.length > 0) {
      // One statement per batch; each row only changes if it still holds what was read.
      const [{ updated }] = (await query(
        `WITH m AS (
           SELECT * FROM unnest($1::text[], $2::bytea[], $3::bytea[]) AS m(case_id, wrapped_key, old_key)
         ), u AS (
           UPDATE case_keys k SET wrapped_key = m.wrapped_key FROM m
            WHERE k.case_id = m.case_id AND k.wrapped_key = m.old_key
           RETURNING 1
         ) SELECT count(*)::int AS updated FROM u`,
        [moves.map((m) => m.id), moves.map((m) => m.wrapped), moves.map((m) => m.old)],
      )) as { updated: number }[];
      report.rewrapped += updated;
      report.changedMeanwhile += moves.length - updated;
    }
    done += rows.length;
    after = rows[rows.length - 1].case_id;
    opts.onProgress?.(done, report.total);
  }
  return report;
}
