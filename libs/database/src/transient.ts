/**
 * Errors that say "the database (or the network to it) is not there right now", as opposed to errors about the
 * statement: connection refused or reset, the server shutting down or starting up, a connection ended under us.
 * Only these are worth retrying; a constraint violation or a syntax error fails the same way every time.
 */
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (TRANSIENT_NODE_CODES.has(code)) return true;
      // 08xxx connection exceptions, 57P01-57P03 admin shutdown / crash shutdown / cannot connect now, 53300 too many
      // connections (a restarting server refuses new sessions for a moment).
      if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300') return true;
    }
    const message = e instanceof Error ? e.message : '';
    if (
      /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message)
    )
      return true;
    // TypeORM's QueryFailedError keeps the driver's error as `driverError`; AggregateError keeps several.
    const inner =
      (e as { driverError?: unknown; cause?: unknown; errors?: unknown[] }).driverError ??
      (e as { cause?: unknown }).cause ??
      (e as { errors?: unknown[] }).errors?.[0];
    e = inner;
  }
  return false;
}

export interface RetryOptions {
  /** Give up (rethrow the last error) once this much time has passed since the first attempt. */
  maxElapsedMs?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each wait, with the attempt number (1 = the first failure); for a log line. */
  onRetry?: (attempt: number, err: unknown) => void;
  isTransient?: (err: unknown) => boolean;
}

/**
 * Runs `fn`, retrying with exponential backoff (and jitter) while it fails with a transient database error, so a
 * PostgreSQL restart is waited out instead of failing the caller. Other errors are thrown at once.
 */
export async function retryTransient<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const maxElapsedMs = opts.maxElapsedMs ?? 120_000;
  const maxDelayMs = opts.maxDelayMs ?? 5_000;
  const isTransient = opts.isTransient ?? isTransientDbError;
  const started = Date.now();
  let delay = opts.initialDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || Date.now() - started + delay > maxElapsedMs) throw err;
      opts.onRetry?.(attempt, err);
      await new Promise((r) => setTimeout(r, delay * (0.75 + Math.random() * 0.5)));
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
}
