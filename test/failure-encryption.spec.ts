import { Client, WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { CaseKeyring, CasePayloadCodec, ENCRYPTED_ENCODING, InMemoryCaseKeyStore } from '@waymark/codec';
import { FAILURE_CONVERTER_PATH } from '@waymark/temporal';
import { createTimeSkippingEnv, uniqueTaskQueue } from './support/workflow-env';

const CANARY = 'Zorana Canarywood';

/**
 * An activity's error message can carry whatever the failing code put in it. With the failure converter the worker
 * and the bundle use, it reaches Temporal's history inside an encrypted payload, and a client with the codec reads
 * it back whole.
 */
describe('failure messages in the history', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('are encrypted with the case key, and decode for a client with the codec', async () => {
    const codec = new CasePayloadCodec(new CaseKeyring(new InMemoryCaseKeyStore(), randomBytes(32)));
    const taskQueue = uniqueTaskQueue('failure-encryption');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: resolve(__dirname, 'fixtures/failing-activity/index.ts'),
        failureConverterPath: FAILURE_CONVERTER_PATH,
        logger: new DefaultLogger('WARN'),
      }),
      activities: {
        lookUpPerson: async () => {
          throw new Error(`No address on file for ${CANARY}`);
        },
      },
      dataConverter: { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH },
    });
    const client = new Client({ connection: env.connection, dataConverter: { payloadCodecs: [codec] } });
    const workflowId = `case-${randomUUID()}`;

    const error = await worker.runUntil(
      client.workflow.execute('failingActivityWorkflow', { taskQueue, workflowId }).then(
        () => undefined,
        (err: unknown) => err,
      ),
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const activity = (error as WorkflowFailedError).cause as ActivityFailure;
    expect(activity).toBeInstanceOf(ActivityFailure);
    const cause = activity.cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.message).toBe(`No address on file for ${CANARY}`);

    // The same history read without the codec: the message and stack trace sit in an encrypted payload.
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const failed = history.events?.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes;
    const failure = failed?.failure?.cause ?? failed?.failure;
    expect(failure?.message).toBe('Encoded failure');
    expect(failure?.stackTrace ?? '').toBe('');
    expect(Buffer.from(failure?.encodedAttributes?.metadata?.encoding ?? []).toString()).toBe(ENCRYPTED_ENCODING);
    const raw = JSON.stringify(history);
    expect(raw).not.toContain('Canarywood');
    expect(raw).not.toContain('failure-encryption.spec');
  });
});
