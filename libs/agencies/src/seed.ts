import type { SopDefinition } from '@waymark/contracts';
import type { DataSource } from 'typeorm';
import { AgencyStore } from './agency.store';

/**
 * Where the SOPs' default agencies are (seed: Venice, Italy, L4371; Catalonia, Spain, L5571; C11 Germany → Romania,
 * L7511-L7694). Only for the embedded default's example agencies.
 */
const COUNTRIES: Record<string, string> = {
  'venice-': 'IT',
  'mossos-': 'ES',
  'sicar-': 'ES',
  'mh-': 'DE',
  'iom-germany': 'DE',
  'ro-consulate': 'DE',
  adpare: 'RO',
  'astra-': 'RS',
  'on-the-road': 'IT',
  'ro-child': 'RO',
};

export interface SeedAgency {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}

/** The agencies every SOP's participant slots default to, so a new user can try every role at once. */
export function defaultAgencies(sops: readonly SopDefinition[]): SeedAgency[] {
  const byId = new Map<string, SeedAgency>();
  for (const sop of sops) {
    for (const p of Object.values(sop.participants)) {
      if (!p.defaultAgency || byId.has(p.defaultAgency)) continue;
      const country = Object.entries(COUNTRIES).find(([prefix]) => p.defaultAgency!.startsWith(prefix))?.[1] ?? null;
      byId.set(p.defaultAgency, { id: p.defaultAgency, name: p.label, kind: p.kind, country });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Inserts the default agencies that are missing; never changes an agency an administrator edited. */
export async function seedDefaultAgencies(ds: DataSource, sops: readonly SopDefinition[]): Promise<number> {
  const store = new AgencyStore(ds);
  let added = 0;
  for (const a of defaultAgencies(sops)) {
    if (await store.insertIfMissing(a)) added++;
  }
  return added;
}
