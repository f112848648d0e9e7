import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { AgencyStore } from '@waymark/agencies';
import { CaseStore } from '@waymark/cases';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import {
  caseParticipants,
  intakeRecordsMinor,
  pickDemographics,
  slotKindMismatch,
  splitByCompartment,
  validateForm,
  workflowIdForCase,
  type Actor,
  type CaseStartInput,
  type FieldError,
  type SopDefinition,
} from '@waymark/contracts';
import { TemporalClientHolder } from '@waymark/temporal';
import { SOPS } from '@waymark/workflows/sops';
import { DataSource } from 'typeorm';
import { SopOverlays } from '../sops/sop-overlays';
import { TimelinessConfig } from './timeliness-config';

/** A case that passed the checks of `POST /cases`, ready to start. */
export interface CheckedCase {
  sop: SopDefinition;
  intake: Record<string, unknown>;
  participants: Record<string, string>;
}

/**
 * Starting a case, the one way: `POST /cases` and a step that starts a follow-on case (the worker's
 * `startFollowOnCase` activity) both check the intake and the participants here and start the SOP's workflow here.
 * Errors name the field and the reason, never a value.
 */
@Injectable()
export class CaseStarter {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
    private readonly temporal: TemporalClientHolder,
    private readonly store: CaseStore,
    private readonly timeliness: TimelinessConfig,
    private readonly overlays: SopOverlays,
  ) {}

  /** The SOP as this deployment runs new cases of it, or the error naming `sop`. */
  sop(id: string): SopDefinition | FieldError {
    return this.overlays.sop(id) ?? { field: 'sop', reason: `must be one of: ${SOPS.map((s) => s.id).join(', ')}` };
  }

  /** The intake against the SOP's intake form (fields as `input.<name>`) and the participants against the directory. */
  async check(
    sop: SopDefinition,
    intake: Record<string, unknown>,
    given: Readonly<Record<string, unknown>> = {},
  ): Promise<CheckedCase | { errors: FieldError[] }> {
    const errors: FieldError[] = validateForm(sop.intake, intake).map((e) => ({ ...e, field: `input.${e.field}` }));
    const slots = caseParticipants(sop, intake, given);
    errors.push(...slots.errors, ...(await this.participantErrors(sop, slots.participants)));
    return errors.length > 0 ? { errors } : { sop, intake, participants: slots.participants };
  }

  /**
   * Starts the case's workflow under `caseId` and writes its row. Repeat-safe: a second call with the same id finds
   * its workflow already started and the row already written (the workflow writes the same row; the first wins).
   */
  async launch(caseId: string, checked: CheckedCase, actor: Actor): Promise<{ openedAt: string }> {
    const { sop, intake, participants } = checked;
    const input: CaseStartInput = {
      caseId,
      sop: sop.id,
      sopVersion: sop.version,
      participants,
      openedBy: actor,
      intake,
      timeliness: this.timeliness.forCase(sop, participants),
      overlay: this.overlays.forCase(sop.id),
    };
    const client = await this.temporal.client();
    const workflowId = workflowIdForCase(caseId);
    await client.workflow
      .start(sop.workflowType, { taskQueue: this.config.env.TEMPORAL_TASK_QUEUE, workflowId, args: [input] })
      .catch((err: unknown) => {
        // Only a retry (same id) can meet its own workflow: the first attempt got as far as starting it.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      });
    const openedAt = new Date().toISOString();
    await this.store.recordCaseOpened({
      caseId,
      sop: sop.id,
      sopVersion: sop.version,
      overlay: this.overlays.summary(),
      workflowId,
      participants,
      openedBy: actor,
      openedAt,
      demographics: pickDemographics(intake),
      personIsMinor: intakeRecordsMinor(intake),
      ...(sop.intakeCompartment ? { records: splitByCompartment(sop.intake, sop.intakeCompartment, intake) } : {}),
    });
    return { openedAt };
  }

  /** The deployment's overlay summary a new case records (null: the declarations as they are). */
  overlaySummary() {
    return this.overlays.summary() ?? null;
  }

  /** Every agency of the case exists in the directory and is of a kind its slot takes (field and reason only). */
  private async participantErrors(sop: SopDefinition, participants: Record<string, string>): Promise<FieldError[]> {
    const kinds = await new AgencyStore(this.ds).kindsOf(Object.values(participants));
    const errors: FieldError[] = [];
    for (const [slot, agencyId] of Object.entries(participants)) {
      const kind = kinds.get(agencyId);
      const reason =
        kind === undefined
          ? 'is not an agency of this deployment (see GET /agencies)'
          : slotKindMismatch(sop.participants[slot], kind);
      if (reason) errors.push({ field: `participants.${slot}`, reason });
    }
    return errors;
  }
}
