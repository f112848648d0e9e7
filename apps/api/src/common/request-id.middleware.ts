import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import { requestContext } from '@waymark/logging';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is a safe token), echoes it on the response,
 * carries it to every log line through async context, and logs one access line per request.
 */
export function requestIdMiddleware(
  logger: LoggerService,
  observe?: (method: string, route: string, status: number, seconds: number) => void,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    requestContext.run({ requestId }, () => {
      res.on('finish', () => {
        // The matched route pattern, not the raw URL: ids and query strings never reach logs or metric labels.
        const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
        const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
        logger.log({ msg: 'request', method: req.method, route, status: res.statusCode, durationMs }, 'http');
        observe?.(req.method, route, res.statusCode, durationMs / 1000);
      });
      next();
    });
  };
}
