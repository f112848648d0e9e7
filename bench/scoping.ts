import { AccessGrantStore, ConsentStore } from '@waymark/cases';
import { defaultParticipants, type FieldSpec, type SopDefinition } from '@waymark/contracts';
import { withDataSource } from '@waymark/database';
import { SOPS } from '@waymark/workflows/sops';
import { performance } from 'node:perf_hooks';
import { caseReader, scopeRecord } from '../apps/api/src/cases/field-scoping';
import { summarize, type Summary } from './stats';

export interface ScopingResult {
  /** The two reads scoping adds to `GET /cases/:id`: the case's consents and its running break-glass grants. */
  queries: Summary;
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
 * What field scoping adds to the case view at the bench's scale: the consents and grants it reads for one case in turn
 * among the open ones (PostgreSQL, indexed by case), and the in-process scoping of the largest case view any SOP
 * declares, as a partner agency that is not the lead reads it under two consents.
 */
export async function scopingCost(databaseUrl: string, requests: number): Promise<ScopingResult> {
  const queries = await withDataSource(databaseUrl, async (ds) => {
    const ids = ((await ds.query(`SELECT id FROM cases ORDER BY random() LIMIT 500`)) as { id: string }[]).map(
      (r) => r.id,
    );
    const consents = new ConsentStore(ds);
    const grants = new AccessGrantStore(ds);
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const id = ids[i % ids.length];
      const t0 = performance.now();
      await Promise.all([consents.listForCase(id), grants.activeAgencies(id)]);
      samples.push(performance.now() - t0);
    }
    return summarize(samples);
  });
  let largest: ScopingResult['largestView'] | undefined;
  for (const sop of SOPS) {
    const records = fullCase(sop);
    const participants = defaultParticipants(sop);
    const leadAgency = sop.lead ? participants[sop.lead.slot] : undefined;
    const partner = Object.values(participants).find((a) => a !== leadAgency) ?? Object.values(participants)[0];
    const consents = [
      { subject: null, sharedWithAgency: partner, scope: ['identity', 'health'], withdrawn: false },
      { subject: 'P1', sharedWithAgency: partner, scope: ['exploitation-form'], withdrawn: false },
    ];
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const reader = caseReader(sop, participants, partner);
      for (const r of records) scopeRecord(sop, r as never, reader, consents);
      samples.push(performance.now() - t0);
    }
    const fields = records.reduce((n, r) => n + Object.keys(r.data).length, 0);
    const summary = summarize(samples);
    if (!largest || fields > largest.fields) largest = { ...summary, sop: sop.id, records: records.length, fields };
  }
  return { queries, largestView: largest! };
}
