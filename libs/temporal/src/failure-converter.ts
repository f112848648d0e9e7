import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failures (an activity's error, a workflow's, an update's rejection) carry a message and a stack trace that
 * Temporal stores in the history in plain text. With `encodeCommonAttributes` both move into an encoded payload, so
 * the payload codec encrypts them with the case's key like any other payload, and an erasure takes them too. The
 * decoding side needs nothing: every failure converter restores encoded attributes. Loaded by path, because the
 * workflow bundle and the worker's activities each load their own copy.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
