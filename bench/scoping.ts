import { AccessGrantStore, ConsentStore } from '@waymark/cases';
import { defaultParticipants, type FieldSpec, type SopDefinition } from '@waymark/contracts';
import { withDataSource } from '@waymark/database';
import { SOPS } from '@waymark/workflows/sops';
import { performance } from 'node:perf_hooks';
import { caseReader, scopeRecord } from '../apps/api/src/cases/field-scoping';
import { summarize, type Summary } from './stats';

export interface ScopingResult {
  /** The case's consents: read for the compartment policy before field scoping existed; scoping reuses them. */
  consents: Summary;
  /** The running break-glass grants: the one read field scoping added to `GET /cases/:id`. */
  grants: Summary;
  /** Scoping, in process, of the largest case view the SOPs declare (every form of one SOP filled). */
  largestView: Summary & { sop: string; records: number; fields: number };
}

/** A value of the field's type: scoping looks at the field's name, never at its value. */
function sample(f: FieldSpec): unknown {
  if (f.type === 'boolean') return true;
  if (f.type === 'integer') return 1;
  if (f.type === 'enum') return f.options?.[0] ?? 'x';
  if (f.type === 'string-list') return ['x'];
  return 'x';
}

/** Every record a case of `sop` can hold: its intake, one per step form and one per event form, all filled. */
function fullCase(sop: SopDefinition) {
  const fill = (fields: Record<string, FieldSpec>) =>
    Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, sample(f)]));
  return [
    {
      compartment: sop.intakeCompartment ?? 'intake',
      step: null,
      source: 'intake',
      agency_id: 'x',
      subject: null,
      data: fill(sop.intake.fields),
    },
    ...sop.steps.map((s) => ({
      compartment: s.compartment,
      step: s.id,
      source: 'task',
      agency_id: 'x',
      subject: s.perPerson ? 'P1' : null,
      data: fill(s.form.fields),
    })),
    ...(sop.events ?? []).map((e) => ({
      compartment: e.compartment,
      step: null,
      source: 'event',
      agency_id: 'x',
      subject: null,
      data: fill(e.form.fields),
    })),
  ];
}

/**
 * What field scoping adds to the case view at the bench's scale: the break-glass grants it reads for one case in turn
 * among the open ones (PostgreSQL, indexed by case; the case's consents, read before scoping existed, are timed
 * beside them), and the in-process scoping of the largest case view any SOP declares, as a partner agency that is
 * not the lead reads it under two consents.
 */
export async function scopingCost(databaseUrl: string, requests: number): Promise<ScopingResult> {
  const { consents, grants } = await withDataSource(databaseUrl, async (ds) => {
    const ids = ((await ds.query(`SELECT id FROM cases ORDER BY random() LIMIT 500`)) as { id: string }[]).map(
      (r) => r.id,
    );
    const consentStore = new ConsentStore(ds);
    const grantStore = new AccessGrantStore(ds);
    // Warm, as the API's pool is: the first queries of a new connection pay for its set-up.
    for (let i = 0; i < 20; i++) await consentStore.listForCase(ids[i % ids.length]);
    const timed = async (read: (id: string) => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t0 = performance.now();
        await read(ids[(i * 7919) % ids.length]);
        samples.push(performance.now() - t0);
      }
      return summarize(samples);
    };
    return {
      consents: await timed((id) => consentStore.listForCase(id)),
      grants: await timed((id) => grantStore.activeAgencies(id)),
    };
  });
  let largest: ScopingResult['largestView'] | undefined;
  for (const sop of SOPS) {
    const records = fullCase(sop);
    const participants = defaultParticipants(sop);
    const leadAgency = sop.lead ? participants[sop.lead.slot] : undefined;
    const partner = Object.values(participants).find((a) => a !== leadAgency) ?? Object.values(participants)[0];
    const given = [
      { subject: null, sharedWithAgency: partner, scope: ['identity', 'health'], withdrawn: false },
      { subject: 'P1', sharedWithAgency: partner, scope: ['exploitation-form'], withdrawn: false },
    ];
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const reader = caseReader(sop, participants, partner);
      for (const r of records) scopeRecord(sop, r as never, reader, given);
      samples.push(performance.now() - t0);
    }
    const fields = records.reduce((n, r) => n + Object.keys(r.data).length, 0);
    const summary = summarize(samples);
    if (!largest || fields > largest.fields) largest = { ...summary, sop: sop.id, records: records.length, fields };
  }
  return { consents, grants, largestView: largest! };
}
