import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';

// Workflow tests print only the SDK's errors (the time-skipping server triggers harmless capability warnings).
try {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
} catch {
  // Already installed in this worker process by an earlier test file.
}
