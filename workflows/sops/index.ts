import type { SopDefinition } from '@waymark/contracts';
import { DEMO_HANDOFF_SOP } from './demo-handoff.sop';

/** Every SOP the engine runs, by id. The API serves and validates against these same declarations. */
export const SOPS: readonly SopDefinition[] = [DEMO_HANDOFF_SOP];

export function sopById(id: string): SopDefinition | undefined {
  return SOPS.find((s) => s.id === id);
}
