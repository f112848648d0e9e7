import { condition, patched, workflowInfo } from '@temporalio/workflow';
import {
  computeDataDeadlines,
  deadlineAlerts,
  deadlineGuards,
  notAfterErrors,
  type CaseStartInput,
  type DataDeadlineSpec,
  type DataDeadlineValue,
  type FieldError,
  type FormSpec,
  type SopDefinition,
} from '@waymark/contracts';
import { activities, type ReportedEvent, type TaskState } from './runtime-types';

/**
 * Deadlines from case data were added after cases were already running. The patch is asked once, the first time a
 * deadline would write or wait on anything, and its answer holds for the rest of the run: a history recorded before
 * (where a travel document's `validUntil` was reported, say) replays without any of it, as it ran.
 */
export const DATA_DEADLINES_PATCH = 'data-deadlines';

/**
 * The longest single wait of a watcher: a deadline years away (a document valid for ten years) is looked at again
 * every 30 days instead of holding one timer for years (which Temporal's time-skipping test server jumps to).
 */
const LONGEST_WAIT_MS = 30 * 86_400_000;

/** What the deadlines read of the case's runtime. */
export interface DataDeadlineHost {
  readonly sop: SopDefinition;
  readonly input: CaseStartInput;
  readonly tasks: ReadonlyMap<string, TaskState>;
  readonly events: readonly ReportedEvent[];
  interrupted(): boolean;
}

/** How a watcher tells people: the existing reminder and escalation activities, with the deadline's date. */
export interface DataDeadlineAlerts {
  remind(at: string, deadline: string): Promise<void>;
  escalate(level: number, at: string, deadline: string): Promise<void>;
  repeatEveryMs: number;
}

/**
 * The data deadlines of one case (or person branch): computed from the intake, the latest form of each step and the
 * latest data of each event; recomputed after every completion and event; shown on the guarded tasks; watched by
 * timers that remind at `warnBefore`, escalate at `escalateBefore` and repeat up the escalation chain until the
 * guarded task is done (or the deadline moves, when they start again from the new date).
 */
export class DataDeadlines {
  private enabled?: boolean;
  private values: DataDeadlineValue[];
  /** Bumped by each recompute that changed a date: the watchers restart their timers. */
  private version = 0;
  private seq = 0;

  constructor(private readonly host: DataDeadlineHost) {
    this.values = computeDataDeadlines(host.sop.dataDeadlines, this.sources());
  }

  private get specs(): readonly DataDeadlineSpec[] {
    return this.host.sop.dataDeadlines ?? [];
  }

  /** Asked once, at the first moment a deadline would act (see DATA_DEADLINES_PATCH). */
  private on(): boolean {
    return (this.enabled ??= patched(DATA_DEADLINES_PATCH));
  }

  /** The deadlines as computed now (none in a run from before the patch). */
  current(): DataDeadlineValue[] {
    return this.enabled === false ? [] : this.values;
  }

  private sources() {
    const latest: Record<string, Record<string, unknown>> = {};
    for (const task of this.host.tasks.values()) if (task.result) latest[task.step] = task.result.form;
    for (const event of this.host.events) latest[event.type] = event.data;
    return { intake: this.host.input.intake, latest };
  }

  /** The validator's check: date fields declared `notAfter` a deadline (field and reason only, never the value). */
  errorsIn(form: FormSpec, data: Readonly<Record<string, unknown>>): FieldError[] {
    return notAfterErrors(form, data, this.current());
  }

  /** The earliest known deadline guarding a step, for its task; undefined when none (or before the patch). */
  forStep(step: string): TaskState['deadline'] {
    let earliest: TaskState['deadline'];
    for (const spec of this.specs) {
      const at = this.values.find((v) => v.id === spec.id)?.at;
      if (!at || !deadlineGuards(spec, step)) continue;
      if (!earliest || at < earliest.at) earliest = { id: spec.id, label: spec.label, at };
    }
    return earliest && this.on() ? earliest : undefined;
  }

  /** At case start: the deadlines the intake already gives are written to the case's timeline. */
  async start(): Promise<void> {
    if (this.host.input.subject !== undefined || !this.values.some((v) => v.at) || !this.on()) return;
    for (const value of this.values) if (value.at) await this.record(value, undefined);
  }

  /** After a completion or an event: any deadline whose source changed is recomputed, recorded and re-watched. */
  async recompute(): Promise<void> {
    if (this.specs.length === 0) return;
    const next = computeDataDeadlines(this.specs, this.sources());
    const changed = next.filter((v, i) => v.at !== this.values[i]?.at);
    if (changed.length === 0 || !this.on()) return;
    const previous = this.values;
    this.values = next;
    this.version += 1;
    for (const task of this.host.tasks.values()) {
      if (task.status === 'open') task.deadline = this.forStep(task.step);
    }
    for (const value of changed) await this.record(value, previous.find((p) => p.id === value.id)?.at);
  }

  private async record(value: DataDeadlineValue, previousAt: string | undefined): Promise<void> {
    const spec = this.specs.find((s) => s.id === value.id)!;
    this.seq += 1;
    const open = [...this.host.tasks.values()].filter((t) => t.status === 'open' && deadlineGuards(spec, t.step));
    await activities.recordDataDeadline({
      caseId: this.host.input.caseId,
      sop: this.host.sop.id,
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:data-deadline:${this.seq}`,
      deadline: { id: value.id, label: value.label, at: value.at ?? null },
      previousAt: previousAt ?? null,
      steps: spec.appliesTo ? [...spec.appliesTo] : null,
      tasks: open.map((t) => ({
        taskId: t.taskId,
        deadline: t.deadline ? { id: t.deadline.id, at: t.deadline.at } : null,
      })),
      at: new Date().toISOString(),
      ...(this.host.input.subject ? { subject: this.host.input.subject } : {}),
    });
  }

  /** Starts a watcher per deadline guarding the task's step (never throws; ends when the task closes). */
  watch(task: TaskState, alerts: DataDeadlineAlerts): void {
    for (const spec of this.specs) {
      if (deadlineGuards(spec, task.step)) void this.watchOne(spec, task, alerts);
    }
  }

  private async watchOne(spec: DataDeadlineSpec, task: TaskState, alerts: DataDeadlineAlerts): Promise<void> {
    const closed = () => task.status !== 'open' || this.host.interrupted();
    let reminded: string | undefined;
    for (;;) {
      const version = this.version;
      const moved = () => this.version !== version;
      // Nothing to wait for until a date is known, and nothing at all in a run from before the patch.
      const at = this.enabled === true ? this.values.find((v) => v.id === spec.id)?.at : undefined;
      if (!at) {
        await condition(() => closed() || moved());
        if (closed()) return;
        continue;
      }
      const { warnAt, escalateAt } = deadlineAlerts(spec, new Date(at));
      // Waits until `when`, or not at all when it has passed; true when the task closed or the deadline moved.
      const interrupted = async (when: Date) => {
        for (let ms = when.getTime() - Date.now(); ms > 0 && !closed() && !moved(); ms = when.getTime() - Date.now())
          await condition(() => closed() || moved(), Math.min(ms, LONGEST_WAIT_MS));
        return closed() || moved();
      };
      if (reminded !== at) {
        if (await interrupted(warnAt)) {
          if (closed()) return;
          continue;
        }
        reminded = at;
        await alerts.remind(at, spec.id);
      }
      if (await interrupted(escalateAt)) {
        if (closed()) return;
        continue;
      }
      await alerts.escalate(0, at, spec.id);
      // Until the guarded step is done or the deadline moves: again every interval, one level higher each time.
      for (let level = 1; !(await condition(() => closed() || moved(), alerts.repeatEveryMs)); level++) {
        await alerts.escalate(level, at, spec.id);
      }
      if (closed()) return;
    }
  }
}
