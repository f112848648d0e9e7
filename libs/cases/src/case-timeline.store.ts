import type { EntityManager } from 'typeorm';

export interface TimelineWrite {
  caseId: string;
  eventKey: string;
  at: string | Date;
  kind: string;
  step?: string | null;
  agencyId?: string | null;
  actorSub?: string | null;
  detail?: Record<string, unknown>;
}

/** The only module with SQL on `case_timeline` (reads go through TimelineEntryEntity). */
export class CaseTimelineStore {
  /** Returns whether the entry is new (false when a retry finds it already written). */
  async append(em: EntityManager, entry: TimelineWrite): Promise<boolean> {
    const inserted = (await em.query(
      `INSERT INTO case_timeline (case_id, event_key, at, kind, step, agency_id, actor_sub, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [
        entry.caseId,
        entry.eventKey,
        new Date(entry.at),
        entry.kind,
        entry.step ?? null,
        entry.agencyId ?? null,
        entry.actorSub ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** Whether the entry with this event key is written (the key is unique: an index look-up). */
  async has(em: EntityManager, eventKey: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM case_timeline WHERE event_key = $1`, [eventKey])) as unknown[];
    return rows.length > 0;
  }

  /** Erasure: details carry form answers, notes and reasons; only the person's code (W1, P1, …) is kept. */
  async redact(em: EntityManager, caseId: string): Promise<void> {
    await em.query(
      `UPDATE case_timeline SET detail = CASE WHEN detail ? 'subject' THEN jsonb_build_object('subject', detail->'subject') ELSE '{}'::jsonb END
       WHERE case_id = $1`,
      [caseId],
    );
  }
}
