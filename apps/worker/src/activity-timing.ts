import type { Context as ActivityContext } from '@temporalio/activity';
import type { ActivityInboundCallsInterceptor } from '@temporalio/worker';

/** What one activity took, as the worker logs it at debug level: its type and milliseconds, nothing of the case. */
export interface ActivityTiming {
  activity: string;
  local: boolean;
  ms: number;
  ok: boolean;
}

/**
 * Times every activity the worker runs and hands the figure to `report` (the worker logs it at debug level: the
 * benchmark reads where a hand-off's time goes from these lines, docs/benchmarks.md). Off unless asked for.
 */
export function activityTiming(report: (t: ActivityTiming) => void) {
  return (ctx: ActivityContext): { inbound: ActivityInboundCallsInterceptor } => ({
    inbound: {
      async execute(input, next) {
        const started = process.hrtime.bigint();
        let ok = false;
        try {
          const result = await next(input);
          ok = true;
          return result;
        } finally {
          const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
          report({ activity: ctx.info.activityType, local: ctx.info.isLocal, ms, ok });
        }
      },
    },
  });
}
