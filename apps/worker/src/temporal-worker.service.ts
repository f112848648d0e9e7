import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { CasePayloadCodec, ForeignPayloadRefusingCodec } from '@waymark/codec';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { FAILURE_CONVERTER_PATH, temporalTlsOptions, workflowBundleOptions } from '@waymark/temporal';
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import { activityTiming } from './activity-timing';
import { CaseActivitiesService } from './case.activities';
import { FollowOnActivitiesService } from './follow-on.activities';
import { ReferralActivitiesService } from './referral.activities';
import { exitWhenWorkerEnds } from './worker-exit';
import { withoutWorkflowStackTraces } from './workflow-threads';

/**
 * Hosts the Temporal Worker inside the Nest application context. Production loads the prebuilt workflow bundle
 * (`npm run build`); without one (development from source) it bundles the workflows at start.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private shuttingDown = false;

  constructor(
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
    private readonly caseActivities: CaseActivitiesService,
    private readonly codec: CasePayloadCodec,
    private readonly followOn: FollowOnActivitiesService,
    private readonly referrals: ReferralActivitiesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { env } = this.config;
    this.connection = await NativeConnection.connect({
      address: this.config.temporalAddress,
      tls: temporalTlsOptions(env),
    });
    const bundlePath = this.config.workflowBundlePath;
    const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> = existsSync(
      bundlePath,
    )
      ? { workflowBundle: { codePath: bundlePath } }
      : (() => {
          const opts = workflowBundleOptions(resolve(__dirname, this.projectRootFromHere()));
          return { workflowsPath: opts.workflowsPath, bundlerOptions: { webpackConfigHook: opts.webpackConfigHook } };
        })();
    const create = () =>
      Worker.create({
        connection: this.connection,
        namespace: env.TEMPORAL_NAMESPACE,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        activities: {
          ...this.caseActivities.toActivities(),
          ...this.followOn.toActivities(),
          ...this.referrals.toActivities(),
        },
        // Every payload the worker sends is encrypted with its case's key (see libs/codec).
        // Failure messages and stack traces too: they are moved into an encoded payload first (failure-converter.ts).
        // Payloads not encrypted with a key Waymark holds reach the workflows only as a refusal marker (ADR 0008).
        dataConverter: {
          payloadCodecs: [
            new ForeignPayloadRefusingCodec(this.codec, ({ context }) =>
              this.logger.warn({ msg: 'foreign payload refused', context }),
            ),
          ],
          failureConverterPath: FAILURE_CONVERTER_PATH,
        },
        // At debug level, each activity's type and duration (the benchmark's breakdown of a hand-off reads them).
        ...(env.LOG_LEVEL === 'debug'
          ? {
              interceptors: {
                activity: [activityTiming((t) => this.logger.debug({ msg: 'activity timing', ...t }))],
              },
            }
          : {}),
        // Cases wait for people for days: a bounded cache trades replays on wake-up for a flat memory line.
        maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS ?? defaultMaxCachedWorkflows(),
        ...workflowSource,
        // On SIGTERM, activities in flight get this long to finish before they are cancelled (then retried elsewhere).
        shutdownGraceTime: '8 seconds',
        // A crashed worker's cached workflows wait this long on its sticky queue before any worker takes them (the
        // SDK's default is 10 s): a replacement or a sibling picks the case up sooner after a crash.
        stickyQueueScheduleToStartTimeout: '3 seconds',
      });
    this.worker = await (env.WORKER_WORKFLOW_STACK_TRACES ? create() : withoutWorkflowStackTraces(create));
    this.running = this.worker.run();
    exitWhenWorkerEnds(this.running, {
      shuttingDown: () => this.shuttingDown,
      report: (msg, err) => this.reportEnd(msg, err),
      exit: (code) => {
        process.exitCode = code;
        // Closing the connection can hang on a dead server: the exit does not wait for it.
        void this.connection?.close().catch(() => undefined);
        setTimeout(() => process.exit(code), 200).unref();
      },
    });
    this.logger.log({
      msg: 'worker polling',
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      bundle: 'workflowBundle' in workflowSource ? 'prebuilt' : 'bundled-at-start',
      workflowStackTraces: env.WORKER_WORKFLOW_STACK_TRACES,
    });
  }

  private reportEnd(msg: string, err?: unknown): void {
    this.logger.error({
      msg,
      state: this.worker?.getState(),
      ...(err !== undefined ? { errorClass: err instanceof Error ? err.constructor.name : typeof err } : {}),
      ...(err instanceof Error ? { error: err.message } : {}),
    });
    process.exitCode = 1;
  }

  /** The Temporal Worker polls (for the heartbeat: a FAILED or stopped worker beats no more). */
  get polling(): boolean {
    return this.worker?.getState() === 'RUNNING';
  }

  /** From dist/apps/worker/src or apps/worker/src back to the project root. */
  private projectRootFromHere(): string {
    return __dirname.includes(`${'/'}dist${'/'}`) ? '../../../..' : '../../..';
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

/**
 * The sticky cache when WORKER_MAX_CACHED_WORKFLOWS is unset: one cached case per 512 MiB of the machine's memory,
 * between 50 and 250 (50 on 24 GiB). A cached case costs the worker about 1.3 MiB (measured: 756 MiB resident with
 * 384 cached, 378 MiB with 100, docs/benchmarks.md). Open cases beyond it cost no worker memory: a case not in the
 * cache is replayed from its (short) history when a person next acts on it. Since a case's opening and each hand-off
 * take one workflow task, 50 cost no speed at 10,000 open cases (408 MiB resident against 444–518 MiB with 96,
 * creation 39.5 against 30.3–36.4 cases/s; docs/benchmarks.md, one commit per hand-off).
 */
export function defaultMaxCachedWorkflows(memoryBytes: number = totalmem()): number {
  return Math.max(50, Math.min(250, Math.floor(memoryBytes / 2 ** 29)));
}
