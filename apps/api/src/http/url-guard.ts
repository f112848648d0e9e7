import type { NextFunction, Request, Response } from 'express';
import { sendHttpError } from './http-error';
import { findUrlProblem } from './json-guard';

/** Refuses (400) a path or query with NUL, invalid UTF-8 or raw non-ASCII bytes before anything parses it. */
export function urlGuard(req: Request, res: Response, next: NextFunction): void {
  const problem = findUrlProblem(req.originalUrl);
  if (!problem) return next();
  sendHttpError(res, 400, 'validation_failed', 'The request URL is not acceptable; see `fields`.', [problem]);
}
