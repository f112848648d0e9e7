import { buildAccessPolicy, type SopDefinition } from '@waymark/contracts';
import { ASSISTED_RETURN_SOP } from '../assisted-return/assisted-return.sop';
import { JOINT_OPERATION_SOP } from '../joint-operation/joint-operation.sop';
import { VENICE_INSPECTION_SOP } from '../venice-inspection/venice-inspection.sop';
import { DEMO_HANDOFF_SOP } from '../demo-handoff/demo-handoff.sop';
import { COURT_TESTIMONY_SOP } from '../court-testimony/court-testimony.sop';
import { SHELTER_ADMISSION_SOP } from '../shelter-admission/shelter-admission.sop';
import { HOTLINE_INTAKE_SOP } from '../hotline-intake/hotline-intake.sop';

/** Every SOP the engine runs, by id. The API serves and validates against these same declarations. */
export const SOPS: readonly SopDefinition[] = [
  VENICE_INSPECTION_SOP,
  JOINT_OPERATION_SOP,
  ASSISTED_RETURN_SOP,
  DEMO_HANDOFF_SOP,
  COURT_TESTIMONY_SOP,
  SHELTER_ADMISSION_SOP,
  HOTLINE_INTAKE_SOP,
];

export function sopById(id: string): SopDefinition | undefined {
  return SOPS.find((s) => s.id === id);
}

/**
 * The access policy the API enforces and serves (`GET /policy`): every registered SOP's own rules, declared beside
 * it (`<sop>.policy.ts`, through `SopDefinition.access`), and the case-action rules.
 */
export const ACCESS_POLICY = buildAccessPolicy(SOPS);
