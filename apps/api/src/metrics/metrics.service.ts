import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Duration buckets for SOP steps, in seconds: a minute to a quarter. */
const STEP_BUCKETS = [60, 600, 3600, 4 * 3600, 86400, 3 * 86400, 7 * 86400, 30 * 86400, 90 * 86400];

const esc = (v: unknown) =>
  String(v ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
const labels = (l: Record<string, unknown>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(',')}}`;

/**
 * `/metrics` in the Prometheus text format. Process and HTTP metrics come from this process; SOP metrics are read
 * from the read model at scrape time (so every API replica reports the same durable totals); the Temporal SDK's
 * worker metrics are fetched from the worker and appended, so one scrape target covers the system.
 * Labels are SOP and step ids only: never anything about a person.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'waymark_http_request_duration_seconds',
    help: 'HTTP request latency of the API',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'waymark_api_' });
  }

  async render(): Promise<string> {
    const [own, sop, worker] = await Promise.all([this.registry.metrics(), this.sopMetrics(), this.workerMetrics()]);
    return [own, sop, worker].filter(Boolean).join('\n');
  }

  private async sopMetrics(): Promise<string> {
    const completions: { sop: string; step: string; outcome: string; n: string }[] = await this.ds.query(
      `SELECT sop, step,
              CASE WHEN due_at IS NULL THEN 'no_target' WHEN completed_at <= due_at THEN 'on_time' ELSE 'late' END AS outcome,
              count(*) AS n
         FROM tasks WHERE status = 'completed' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    const bucketCols = STEP_BUCKETS.map((b, i) => `count(*) FILTER (WHERE d <= ${b}) AS b${i}`).join(', ');
    const durations: Record<string, string>[] = await this.ds.query(
      `SELECT sop, step, count(*) AS n, sum(d) AS total, ${bucketCols}
         FROM (SELECT sop, step, extract(epoch FROM completed_at - opened_at) AS d FROM tasks WHERE status = 'completed') t
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const overdue: { sop: string; step: string; n: string }[] = await this.ds.query(
      `SELECT sop, step, count(*) AS n FROM tasks WHERE status = 'open' AND due_at < now() GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const escalations: { sop: string; step: string; n: string }[] = await this.ds.query(
      `SELECT sop, step, count(*) AS n FROM escalations GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const out: string[] = [
      '# HELP waymark_task_completions_total SOP tasks completed, by SOP, step and outcome against the target',
      '# TYPE waymark_task_completions_total counter',
      ...completions.map(
        (r) => `waymark_task_completions_total${labels({ sop: r.sop, step: r.step, outcome: r.outcome })} ${r.n}`,
      ),
      '# HELP waymark_task_duration_seconds Time from a task opening to its completion',
      '# TYPE waymark_task_duration_seconds histogram',
    ];
    for (const r of durations) {
      STEP_BUCKETS.forEach((b, i) =>
        out.push(`waymark_task_duration_seconds_bucket${labels({ sop: r.sop, step: r.step, le: b })} ${r[`b${i}`]}`),
      );
      out.push(`waymark_task_duration_seconds_bucket${labels({ sop: r.sop, step: r.step, le: '+Inf' })} ${r.n}`);
      out.push(`waymark_task_duration_seconds_sum${labels({ sop: r.sop, step: r.step })} ${Number(r.total)}`);
      out.push(`waymark_task_duration_seconds_count${labels({ sop: r.sop, step: r.step })} ${r.n}`);
    }
    out.push(
      '# HELP waymark_open_tasks_overdue Open tasks past their due date',
      '# TYPE waymark_open_tasks_overdue gauge',
      ...overdue.map((r) => `waymark_open_tasks_overdue${labels({ sop: r.sop, step: r.step })} ${r.n}`),
      '# HELP waymark_escalations_total Deadline breaches escalated to a supervisor',
      '# TYPE waymark_escalations_total counter',
      ...escalations.map((r) => `waymark_escalations_total${labels({ sop: r.sop, step: r.step })} ${r.n}`),
    );
    return out.join('\n') + '\n';
  }

  private async workerMetrics(): Promise<string> {
    const url = this.config.env.WORKER_METRICS_URL;
    if (!url) return '';
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      return res.ok ? await res.text() : '';
    } catch {
      // The worker being away must not fail the API's own scrape.
      return '';
    }
  }
}
