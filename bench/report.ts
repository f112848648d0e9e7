import type { HandoffBreakdown } from './handoff-breakdown';
import type { ProfileEntry } from './profile';
import type { ScaleResult, ThroughputResult } from './phases';
import type { ScopingResult } from './scoping';
import type { Summary } from './stats';

export interface BenchReport {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  params: {
    cases: number;
    concurrency: number;
    open: number;
    requests: number;
    sop: string;
    /** Where the bench's own Temporal dev server kept its SQLite database (absent with TEMPORAL_ADDRESS). */
    temporalDb?: 'memory' | 'disk';
    /** Worker settings the run passed through from its environment (absent: the worker's defaults). */
    worker?: Record<string, string>;
  };
  handoff: { waymark: Summary; bare: Summary; ratioP50: number; ratioP99: number; breakdown?: HandoffBreakdown };
  throughput: { waymark: ThroughputResult; bare: ThroughputResult; ratioCasesPerSecond: number };
  scale: ScaleResult & {
    createPerSecond?: number;
    /** Bare Temporal's workflows started in the same run, 32 at a time, until every one had run its first task. */
    bareCreate?: { workflows: number; seconds: number; perSecond: number };
    ratioCreatePerSecond?: number;
  };
  /** What field scoping adds to `GET /cases/:id` (bench/scoping.ts). */
  scoping?: ScopingResult;
  /** EXPLAIN ANALYZE of the first inbox and case-list page after the scale phase (bench/plans.ts). */
  plans?: { tasks: string[]; cases: string[] };
  profile?: { file: string; top: ProfileEntry[] }[];
}

const ms = (s: Summary) => `${s.p50} | ${s.p90} | ${s.p99} | ${s.max}`;

export function renderMarkdown(r: BenchReport): string {
  const lines = [
    `## Waymark benchmark (${r.at})`,
    '',
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}. ` +
      `Parameters: ${r.params.cases} hand-offs, ${r.params.concurrency} concurrent cases (${r.params.sop}), ${r.params.open} open cases${r.params.temporalDb ? `; the Temporal dev server's database ${r.params.temporalDb === 'disk' ? 'on disk' : 'in memory'}` : ''}${r.params.worker ? `; worker settings ${JSON.stringify(r.params.worker)}` : ''}.`,
    '',
    '| Hand-off (ms) | p50 | p90 | p99 | max |',
    '| --- | --- | --- | --- | --- |',
    `| Waymark: A completes via API → B's GET /tasks shows the next step | ${ms(r.handoff.waymark)} |`,
    `| Bare Temporal: executeUpdate round trip | ${ms(r.handoff.bare)} |`,
    `| Ratio Waymark / bare | ${r.handoff.ratioP50} | | ${r.handoff.ratioP99} | |`,
    '',
    ...breakdownLines(r.handoff.breakdown),
    '| Throughput | cases/s | steps/s | cases | steps | seconds |',
    '| --- | --- | --- | --- | --- | --- |',
    `| Waymark (API, ${r.params.concurrency} concurrent) | ${r.throughput.waymark.casesPerSecond} | ${r.throughput.waymark.stepsPerSecond} | ${r.throughput.waymark.cases} | ${r.throughput.waymark.steps} | ${r.throughput.waymark.seconds} |`,
    `| Bare Temporal (same updates per workflow) | ${r.throughput.bare.casesPerSecond} | ${r.throughput.bare.stepsPerSecond} | ${r.throughput.bare.cases} | ${r.throughput.bare.steps} | ${r.throughput.bare.seconds} |`,
    `| Ratio Waymark / bare | ${r.throughput.ratioCasesPerSecond} | | | | |`,
    '',
    `| Scale: ${r.scale.openCases} open cases (created in ${r.scale.createSeconds} s, settled ${r.scale.settleSeconds ?? 0} s later) | p50 ms | p90 ms | p99 ms | max ms |`,
    '| --- | --- | --- | --- | --- |',
    `| GET /tasks (one agency, 50 per page) | ${ms(r.scale.tasks)} |`,
    `| GET /cases (one agency, 50 per page) | ${ms(r.scale.cases)} |`,
    `| GET /cases/:id (one case in turn, records scoped field by field) | ${ms(r.scale.caseView)} |`,
    ...(r.scoping
      ? [
          `| … the case's consents (read by the compartment policy before scoping; scoping reuses them) | ${ms(r.scoping.consents)} |`,
          `| … the running break-glass grants (the read scoping adds) | ${ms(r.scoping.grants)} |`,
          `| … scoping in process, largest case view (${r.scoping.largestView.sop}: ${r.scoping.largestView.records} records, ${r.scoping.largestView.fields} fields) | ${ms(r.scoping.largestView)} |`,
        ]
      : []),
    '',
    ...(r.scale.bareCreate
      ? [
          `Case creation: Waymark ${r.scale.createPerSecond} cases/s through the API (32 at a time, until every case's first task is in the inbox); ` +
            `bare Temporal ${r.scale.bareCreate.perSecond} workflows/s (${r.scale.bareCreate.workflows} started 32 at a time, until every one had run its first workflow task); ratio ${r.scale.ratioCreatePerSecond}.`,
          '',
        ]
      : []),
    `Resident memory after the scale run: API ${r.scale.residentMemoryMiB.api ?? '?'} MiB, worker ${r.scale.residentMemoryMiB.worker ?? '?'} MiB.`,
  ];
  if (r.plans) {
    lines.push('', 'Plan of `GET /tasks`:', '', '```', ...r.plans.tasks, '```');
    lines.push('', 'Plan of `GET /cases?status=open`:', '', '```', ...r.plans.cases, '```');
  }
  for (const p of r.profile ?? []) {
    lines.push(
      '',
      `Profile ${p.file} (top self time):`,
      '',
      '| function | where | self ms | % |',
      '| --- | --- | --- | --- |',
    );
    for (const e of p.top) lines.push(`| ${e.function} | ${e.where} | ${e.selfMs} | ${e.selfPercent} |`);
  }
  return lines.join('\n') + '\n';
}

const PARTS: [keyof Omit<HandoffBreakdown, 'n'>, string][] = [
  ['apiBeforeUpdate', 'API: token, task and form checks, the update RPC (POST sent → workflow task scheduled)'],
  ['dispatch', 'Temporal: workflow task scheduled → started on the worker'],
  ['worker', 'worker: the workflow task, with its local writes (started → completed)'],
  [
    'handOffWrite',
    '… of which the local activity recordHandOff (completion and next task, one transaction; also a case opening with its first task; each run)',
  ],
  ['completionWrite', 'the local activity recordTaskCompleted alone (last steps; each run)'],
  ['nextTaskWrite', 'the local activity openTask alone (cases from before decision 0012; each run)'],
  ['answerBack', 'Temporal, API, HTTP: workflow task completed → POST answered'],
  ['inbox', "B's GET /tasks that shows the task"],
];

/** Where a hand-off's time goes (each part from the client's clock, the case's history or the worker's timing). */
function breakdownLines(b: HandoffBreakdown | undefined): string[] {
  if (!b) return [];
  return [
    `| Where a hand-off's time goes (${b.n} hand-offs) | p50 | p90 | p99 | max |`,
    '| --- | --- | --- | --- | --- |',
    ...PARTS.flatMap(([k, label]) => {
      const s = b[k];
      return s && typeof s === 'object' ? [`| ${label} | ${ms(s)} |`] : [];
    }),
    '',
  ];
}
