import { Inject, Injectable } from '@nestjs/common';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { durationToMs, type CaseTimeliness, type SopDefinition } from '@waymark/contracts';
import { SOPS } from '@waymark/workflows/sops';
import { readFileSync } from 'node:fs';

export interface TargetOverride {
  sop: string;
  step: string;
  /** Only for this agency (the agency filling the step's slot in a case); otherwise the whole deployment. */
  agency?: string;
  target: string;
}

export interface TimelinessFile {
  reminderShare?: number;
  calendar?: 'calendar' | 'working';
  targets?: TargetOverride[];
}

export const DEFAULT_REMINDER_SHARE = 0.75;

/** Checks a timeliness file against the SOP declarations; returns every problem found. */
export function validateTimelinessFile(file: unknown, sops: readonly SopDefinition[]): string[] {
  const problems: string[] = [];
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return ['the file must hold a JSON object'];
  const f = file as Record<string, unknown>;
  for (const key of Object.keys(f)) {
    if (!['reminderShare', 'calendar', 'targets'].includes(key)) problems.push(`${key}: not a known setting`);
  }
  if (
    f.reminderShare !== undefined &&
    (typeof f.reminderShare !== 'number' || f.reminderShare <= 0 || f.reminderShare >= 1)
  ) {
    problems.push('reminderShare: must be a number between 0 and 1 (exclusive)');
  }
  if (f.calendar !== undefined && f.calendar !== 'calendar' && f.calendar !== 'working') {
    problems.push('calendar: must be "calendar" or "working"');
  }
  if (f.targets !== undefined && !Array.isArray(f.targets)) problems.push('targets: must be a list');
  ((Array.isArray(f.targets) ? f.targets : []) as Record<string, unknown>[]).forEach((t, i) => {
    const at = `targets[${i}]`;
    const sop = sops.find((s) => s.id === t?.sop);
    if (!sop) return void problems.push(`${at}.sop: must be one of ${sops.map((s) => s.id).join(', ')}`);
    if (!sop.steps.some((s) => s.id === t.step)) problems.push(`${at}.step: ${sop.id} has no such step`);
    if (t.agency !== undefined && (typeof t.agency !== 'string' || !/^[a-z0-9-]{1,64}$/.test(t.agency))) {
      problems.push(`${at}.agency: must be an agency id`);
    }
    try {
      if (typeof t.target !== 'string' || durationToMs(t.target) <= 0) throw new Error();
    } catch {
      problems.push(`${at}.target: must be a positive ISO 8601 duration such as PT4H or P2D`);
    }
  });
  return problems;
}

/**
 * Step targets for a new case: the SOP declaration's, overridden by the deployment's timeliness file (an
 * agency-specific override beats a deployment-wide one). Loaded and validated once, at boot.
 */
@Injectable()
export class TimelinessConfig {
  private readonly file: TimelinessFile;

  constructor(@Inject(WAYMARK_CONFIG) config: WaymarkConfig) {
    const path = config.env.TIMELINESS_FILE;
    if (!path) {
      this.file = {};
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(
        `TIMELINESS_FILE ${path} could not be read as JSON (${err instanceof Error ? err.message : 'error'})`,
      );
    }
    const problems = validateTimelinessFile(parsed, SOPS);
    if (problems.length > 0)
      throw new Error(`TIMELINESS_FILE ${path} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.file = parsed as TimelinessFile;
  }

  forCase(sop: SopDefinition, participants: Record<string, string>): CaseTimeliness {
    const targetsMs: Record<string, number> = {};
    for (const step of sop.steps) {
      const agency = participants[step.actor.slot];
      const overrides = (this.file.targets ?? []).filter((t) => t.sop === sop.id && t.step === step.id);
      const chosen = overrides.find((t) => t.agency === agency) ?? overrides.find((t) => t.agency === undefined);
      const target = chosen?.target ?? step.target;
      if (target) targetsMs[step.id] = durationToMs(target);
    }
    return {
      targetsMs,
      reminderShare: this.file.reminderShare ?? DEFAULT_REMINDER_SHARE,
      calendar: this.file.calendar ?? 'calendar',
    };
  }
}
