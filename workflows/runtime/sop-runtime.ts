import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  FOREIGN_PAYLOAD_FAILURE,
  SUPERVISOR_ROLES,
  durationToMs,
  isForeignPayload,
  findEvent,
  findStep,
  intakeRecordsMinor,
  pickDemographics,
  splitByCompartment,
  type CaseResult,
  type CaseStartInput,
  type ConsentForm,
  type ConsentGiver,
  type StepConsent,
  type StepSpec,
} from '@waymark/contracts';
import { CaseHandlers } from './case-handlers';
import { addTarget, watchDeadline } from './deadlines';
import { escalationEveryMs, escalationTarget } from './escalation-chain';
import {
  CONSENT_GATES_PATCH,
  CONSENT_RECHECK,
  CaseInterrupted,
  activities,
  projection,
  type Duration,
  type HumanTaskResult,
  type PersonBranch,
  type ReportedEvent,
  type TaskState,
} from './runtime-types';

export {
  CONSENT_GATES_PATCH,
  CaseInterrupted,
  type Duration,
  type HumanTaskResult,
  type PersonBranch,
  type ReportedEvent,
} from './runtime-types';

/**
 * The per-execution SOP runtime. It registers every message handler before the first await (so no update is lost
 * on the first activation), keeps the open tasks and the reported events, and gives SOP code its primitives:
 * `humanTask` (a step in an agency's inbox), `decide` (a step whose form carries the decision), `awaitEvent`
 * (a fact from outside any inbox), `sleep` (a timer that a cancellation interrupts), `startPerson` (a child
 * workflow per person found), `note` (a timeline entry), and `run` (the case from start to end state).
 */
export class SopRuntime extends CaseHandlers {
  /**
   * Holds a step that passes data to another agency until a matching consent is active (seed L6242–L6245,
   * L7399–L7401). The wait is visible: a timeline entry, a notification to the acting agency, and the case state.
   * The API nudges the workflow when consents change; the gate also looks again every hour.
   */
  private async awaitConsent(step: StepSpec): Promise<void> {
    const requirement = step.requiresConsent;
    if (!requirement || !patched(CONSENT_GATES_PATCH)) return;
    const query = this.consentQuery(requirement);
    let waitKey: string | undefined;
    for (;;) {
      const nudges = this.consentNudges;
      const consent = await activities.findConsent(query);
      if (consent) {
        if (waitKey) {
          this.waitingForConsent.delete(waitKey);
          await this.note('consent-received', {
            step: step.id,
            detail: { consentId: consent.consentId, purpose: requirement.purpose },
          });
        }
        return;
      }
      if (!waitKey) {
        this.consentWaitSeq += 1;
        waitKey = `${workflowInfo().workflowId}:${workflowInfo().runId}:consent-wait:${this.consentWaitSeq}`;
        const since = new Date().toISOString();
        this.waitingForConsent.set(waitKey, {
          step: step.id,
          purpose: requirement.purpose,
          scope: requirement.scope,
          since,
          ...(query.sharedWithAgency ? { sharedWithAgency: query.sharedWithAgency } : {}),
          ...(this.input.subject ? { subject: this.input.subject } : {}),
        });
        await activities.recordConsentWait({
          ...query,
          sop: this.sop.id,
          key: waitKey,
          step: step.id,
          notify: this.consentWaitAudience(step),
          at: since,
          ...(this.input.subject ? { subject: this.input.subject } : {}),
        });
      }
      await this.waitFor(() => this.consentNudges !== nudges, CONSENT_RECHECK);
    }
  }

  private consentWaitAudience(step: StepSpec): { agencyId: string; roles: readonly string[] }[] {
    const acting = { agencyId: this.agencyFor(step.actor.slot), roles: step.actor.roles };
    const opener = this.input.openedBy;
    if (opener.agencyId === acting.agencyId)
      return [{ agencyId: acting.agencyId, roles: [...new Set([...acting.roles, ...opener.roles])] }];
    return [acting, { agencyId: opener.agencyId, roles: [...new Set([...opener.roles, ...SUPERVISOR_ROLES])] }];
  }

  /**
   * Consent records written from a completed step's form, where the SOP records the person's decision itself
   * (assisted return: `record-consent`). Skipped when replaying histories from before consent gates.
   */
  async recordConsents(
    result: HumanTaskResult,
    opts: { form: ConsentForm; givenBy: ConsentGiver; consents: readonly StepConsent[] },
  ): Promise<void> {
    if (!patched(CONSENT_GATES_PATCH)) return;
    await activities.recordStepConsents({ caseId: this.caseId, taskId: result.taskId, actor: result.actor, ...opts });
  }

  /** Waits for a condition; throws `CaseInterrupted` if the case is cancelled or ended by an event meanwhile. */
  async waitFor(cond: () => boolean, timeout?: Duration): Promise<boolean> {
    const met =
      timeout === undefined
        ? (await condition(() => cond() || this.interruption !== undefined), true)
        : await condition(() => cond() || this.interruption !== undefined, timeout);
    if (this.interruption) throw this.interruption;
    return met && cond();
  }

  /** A timer that a cancellation or an ending event cuts short. */
  async sleep(duration: Duration): Promise<void> {
    await this.waitFor(() => false, duration);
  }

  /** Opens a task in the responsible agency's inbox and waits until one of its people completes it. */
  async humanTask<F = Record<string, unknown>>(stepId: string): Promise<HumanTaskResult<F>> {
    const step = findStep(this.sop, stepId);
    await this.awaitConsent(step);
    const taskId = uuid4();
    const agencyId = this.agencyFor(step.actor.slot);
    const openedAt = new Date();
    const targetMs = this.targetMsFor(step);
    const dueAt =
      targetMs !== undefined ? addTarget(openedAt, targetMs, this.input.timeliness?.calendar ?? 'calendar') : undefined;
    const task: TaskState = {
      taskId,
      step: step.id,
      agencyId,
      roles: step.actor.roles,
      status: 'open',
      dueVersion: 0,
      ...(this.input.subject ? { subject: this.input.subject } : {}),
      ...(dueAt ? { dueAt: dueAt.toISOString(), targetMs } : {}),
    };
    if (this.interruption) throw this.interruption;
    // Known to the validators before the row exists: the API reads the row and may send the completion before
    // this workflow has even seen the activity's result.
    this.tasks.set(taskId, task);
    await projection().openTask({
      taskId,
      caseId: this.caseId,
      workflowId: workflowInfo().workflowId,
      subject: this.input.subject,
      phase: step.phase,
      sop: this.sop.id,
      step: step.id,
      title: step.title,
      agencyId,
      roles: step.actor.roles,
      openedAt: openedAt.toISOString(),
      dueAt: task.dueAt,
      targetMs,
      pausesAgencyClock: step.pausesAgencyClock ?? false,
    });
    // The slot may have changed hands while the row was written: then the row follows the task. Checked here so
    // that an unchanged task adds no await (and no reordering) to histories recorded before participant changes.
    if (task.agencyId !== agencyId) await this.participantChanges.afterTaskOpened(task, agencyId);
    // Steps that wait on the person's own decision pause the agency's clock: no reminder, no escalation.
    if (task.dueAt && !step.pausesAgencyClock) {
      void watchDeadline(task, {
        closed: () => task.status !== 'open' || this.interruption !== undefined,
        reminderShare: this.input.timeliness?.reminderShare ?? 0.75,
        remind: () => activities.recordReminder(this.deadlineEvent(task, task.roles)),
        escalate: (level) => activities.recordEscalation(this.escalationEvent(task, step, level)),
        repeatEveryMs: escalationEveryMs(this.sop, step),
      });
    }
    await this.waitFor(() => task.result !== undefined);
    return task.result as HumanTaskResult<F>;
  }

  /** The breach goes to the task agency's supervisors; each repeat one level up the step's escalation chain. */
  private escalationEvent(task: TaskState, step: StepSpec, level: number) {
    if (level === 0) return this.deadlineEvent(task, this.supervisorRolesFor(task));
    const to = escalationTarget(this.sop, step, this.input.participants, task.agencyId, level);
    return {
      ...this.deadlineEvent(task, to.roles),
      level,
      ...(to.agencyId !== task.agencyId ? { notifyAgencyId: to.agencyId } : {}),
    };
  }

  private targetMsFor(step: StepSpec): number | undefined {
    const configured = this.input.timeliness?.targetsMs[step.id];
    if (configured !== undefined) return configured;
    return step.target ? durationToMs(step.target) : undefined;
  }

  /** A human step whose form carries the decision; returns the chosen value of `field` with the whole form. */
  async decide<V extends string | boolean>(stepId: string, field: string): Promise<HumanTaskResult & { value: V }> {
    const result = await this.humanTask(stepId);
    await this.note('decision', { step: stepId, detail: { field, value: result.form[field] as V } });
    return { ...result, value: result.form[field] as V };
  }

  /** Has an event of this type been reported (and not yet consumed by `awaitEvent`)? */
  hasEvent(type: string): boolean {
    return this.events.some((e) => e.type === type && !this.consumed.has(e.sequence));
  }

  /**
   * Waits for the next unconsumed event of this type. With a timeout, resolves `undefined` when it passes first,
   * so the SOP can warn or escalate.
   */
  async awaitEvent<D = Record<string, unknown>>(
    type: string,
    timeout?: Duration,
  ): Promise<ReportedEvent<D> | undefined> {
    if (!findEvent(this.sop, type)) throw new Error(`SOP ${this.sop.id} declares no event ${type}`);
    const next = () => this.events.find((e) => e.type === type && !this.consumed.has(e.sequence));
    const met = await this.waitFor(() => next() !== undefined, timeout);
    if (!met) return undefined;
    const event = next()!;
    this.consumed.add(event.sequence);
    return event as ReportedEvent<D>;
  }

  /** A timeline entry: a decision, a warning, an escalation. Ids and codes only, never personal data. */
  async note(
    kind: string,
    opts: { step?: string; agencyId?: string; detail?: Record<string, unknown> } = {},
  ): Promise<void> {
    this.noteSeq += 1;
    await projection().recordTimeline({
      caseId: this.caseId,
      // The run id keeps keys unique across continue-as-new, where the sequence starts again.
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:note:${this.noteSeq}`,
      kind,
      at: new Date().toISOString(),
      step: opts.step,
      agencyId: opts.agencyId,
      detail: { ...(this.input.subject ? { subject: this.input.subject } : {}), ...opts.detail },
    });
  }

  /**
   * Starts a child workflow for one person found (e.g. each vulnerable worker). Its workflow id is the case's
   * plus the person's code, so it holds no personal data; its tasks belong to the same case.
   */
  async startPerson<R>(workflowType: string, subject: string): Promise<PersonBranch<R>> {
    if (!/^[A-Za-z0-9-]{1,16}$/.test(subject)) {
      // Non-retryable: retrying the workflow task would fail the same way forever. The code is not echoed.
      throw ApplicationFailure.nonRetryable(
        'A person code must be a short code of letters, digits and dashes.',
        'BadInput',
      );
    }
    const handle = await startChild<(input: CaseStartInput) => Promise<R>>(workflowType, {
      workflowId: `${workflowInfo().workflowId}:${subject}`,
      args: [{ ...this.input, subject }],
      // A person's branch never outlives its case; closeCase cancels the branch's open tasks in the read model.
      parentClosePolicy: 'TERMINATE',
    });
    this.branchIds.push(handle.workflowId);
    await this.note('person-branch-started', { detail: { subject, workflowType } });
    return { subject, handle };
  }

  /** Runs an SOP body to an end state, turning a cancellation or an ending event into its end state. */
  async run(body: () => Promise<string>): Promise<CaseResult> {
    // Started from outside Waymark (the codec refused the input, ADR 0008): fail now, write nothing.
    if (isForeignPayload(this.input)) {
      throw ApplicationFailure.nonRetryable('The case was not started through Waymark.', FOREIGN_PAYLOAD_FAILURE);
    }
    const child = this.input.subject !== undefined;
    if (!child) {
      await projection().recordCaseOpened({
        caseId: this.caseId,
        sop: this.sop.id,
        sopVersion: this.sop.version,
        ...(this.input.overlay
          ? { overlay: { name: this.input.overlay.name, digest: this.input.overlay.digest } }
          : {}),
        workflowId: workflowInfo().workflowId,
        participants: this.input.participants,
        openedBy: this.input.openedBy,
        openedAt: new Date().toISOString(),
        demographics: pickDemographics(this.input.intake),
        personIsMinor: intakeRecordsMinor(this.input.intake),
        ...(this.sop.intakeCompartment
          ? { records: splitByCompartment(this.sop.intake, this.sop.intakeCompartment, this.input.intake) }
          : {}),
      });
    }
    let endState: string;
    let status: CaseResult['status'] = 'completed';
    try {
      endState = await body();
    } catch (err) {
      if (!(err instanceof CaseInterrupted)) throw err;
      status = err.status;
      endState = err.endState;
    }
    // Updates whose handlers are still writing must finish before the case closes.
    await condition(allHandlersFinished);
    for (const task of this.tasks.values()) if (task.status === 'open') task.status = 'cancelled';
    this.status = status;
    this.endState = endState;
    if (child) {
      await this.note('person-branch-ended', { detail: { endState } });
    } else {
      await projection().closeCase({
        caseId: this.caseId,
        status,
        endState,
        closedAt: new Date().toISOString(),
        actor: this.cancellation?.actor,
        reason: this.cancellation?.reason,
      });
    }
    log.info('case closed', { sop: this.sop.id, endState });
    return { caseId: this.caseId, status, endState };
  }
}
