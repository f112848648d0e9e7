import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { sendHttpError } from './http-error';
import { exceedsJsonDepth, findHostileValue, isAcceptedJsonType, parseMediaType } from './json-guard';

export interface JsonBodyOptions {
  limitBytes: number;
  maxDepth: number;
  /** The whole body must arrive within this time from the start of the request; a slower one is cut off (408). */
  timeoutMs: number;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The API's only body parser (Nest's own is switched off): JSON in UTF-8, identity-encoded, within a byte limit and
 * a nesting limit, with no prototype-polluting keys and no NUL characters. Every refusal is a 4xx in the exception
 * filter's shape that names the part at fault and never echoes what was sent.
 */
export function jsonBody(opts: JsonBodyOptions) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return (req: Request, res: Response, proceed: NextFunction): void => {
    // The body's stream events fire in the socket's async context: the request's context (its request id, which
    // logs and audit entries carry) must continue with the handler, not the socket's.
    const next = AsyncResource.bind(proceed);
    if (!hasBody(req)) return next();
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') {
      return sendHttpError(
        res,
        415,
        'unsupported_media_type',
        'Content-Encoding is not supported; send the body uncompressed.',
        undefined,
        { close: true },
      );
    }
    const media = parseMediaType(req.headers['content-type'] ?? '');
    if (!isAcceptedJsonType(media)) {
      return sendHttpError(
        res,
        415,
        'unsupported_media_type',
        'The body must be JSON: Content-Type application/json; charset=utf-8.',
        undefined,
        { close: true },
      );
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () =>
      sendHttpError(
        res,
        413,
        'payload_too_large',
        `The body is larger than the limit of ${opts.limitBytes} bytes.`,
        undefined,
        { close: true },
      );
    if (declared > opts.limitBytes) {
      req.resume();
      return tooLarge();
    }

    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
    };
    const timer = setTimeout(() => {
      if (done) return;
      finish();
      res.once('finish', () => req.socket.destroy());
      sendHttpError(res, 408, 'request_timeout', `The body did not arrive within ${opts.timeoutMs} ms.`, undefined, {
        close: true,
      });
    }, opts.timeoutMs);
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > opts.limitBytes) {
        finish();
        req.resume();
        return tooLarge();
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      finish();
      const bad = (field: string, reason: string) =>
        sendHttpError(res, 400, 'validation_failed', 'The request body is not acceptable; see `fields`.', [
          { field, reason },
        ]);
      let text: string;
      try {
        text = decoder.decode(Buffer.concat(chunks));
      } catch {
        return bad('body', 'is not valid UTF-8');
      }
      if (text.trim() === '') return next();
      if (exceedsJsonDepth(text, opts.maxDepth)) return bad('body', `is nested deeper than ${opts.maxDepth} levels`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        // The parser's message quotes the input: it is not passed on.
        return bad('body', 'is not valid JSON');
      }
      const hostile = findHostileValue(value);
      if (hostile) {
        return sendHttpError(res, 400, 'validation_failed', 'The request body is not acceptable; see `fields`.', [
          hostile,
        ]);
      }
      req.body = value;
      next();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => {
      if (done) return;
      finish();
      req.socket.destroy();
    });
  };
}
