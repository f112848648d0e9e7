import type { FieldError } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import type { Response } from 'express';

/**
 * Answers from an Express middleware (before Nest's routing, where the exception filter does not reach) with the
 * exception filter's body shape. The message is ours: nothing the caller sent is echoed.
 */
export function sendHttpError(
  res: Response,
  statusCode: number,
  error: string,
  message: string,
  fields?: FieldError[],
  opts: { close?: boolean } = {},
): void {
  if (res.headersSent) return;
  if (opts.close) res.setHeader('Connection', 'close');
  res.setHeader('Cache-Control', 'no-store');
  res.status(statusCode).json({
    statusCode,
    error,
    message,
    ...(fields ? { fields } : {}),
    requestId: requestContext.get()?.requestId,
  });
}

/** A field name safe to put in an error body: long (hostile) keys are cut, control characters dropped. */
export function safeFieldName(name: string): string {
  let out = '';
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) continue;
    out += ch;
    if (out.length >= 64) return `${out}…`;
  }
  return out;
}
