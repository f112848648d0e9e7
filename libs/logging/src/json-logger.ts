import type { LoggerService } from '@nestjs/common';
import { writeSync } from 'node:fs';
import { requestContext } from './request-context';

/** Flush at once past this many buffered characters. */
const FLUSH_AT = 64 * 1024;

/**
 * Lines for stdout, written together once per turn of the event loop (or sooner when many pile up): one system call
 * for all the lines of a busy moment instead of one each. Whatever is still buffered when the process exits (also
 * after an uncaught error) is written synchronously first; only a SIGKILL can lose the lines of that last moment.
 */
export function bufferedStdout(
  out: (text: string) => void = (text) => void process.stdout.write(text),
  atExit: (text: string) => void = (text) => writeSync(1, text),
): (line: string) => void {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const take = () => {
    const text = pending.join('');
    pending = [];
    size = 0;
    return text;
  };
  const flush = () => {
    scheduled = false;
    if (pending.length > 0) out(take());
  };
  process.on('exit', () => {
    if (pending.length === 0) return;
    try {
      atExit(take());
    } catch {
      // stdout closed (the parent went away): nothing left to tell.
    }
  });
  return (line) => {
    pending.push(line + '\n');
    size += line.length + 1;
    if (size >= FLUSH_AT) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

let stdoutWriter: ((line: string) => void) | undefined;

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout, with the request id of the current request when there is one.
 * Callers log ids and codes, never personal data: the logger does not try to guess what is personal.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly minLevel: Level = 'info',
    private readonly write: (line: string) => void = (stdoutWriter ??= bufferedStdout()),
  ) {}

  private emit(level: Level, message: unknown, rest: unknown[]): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, service: this.service };
    const ctx = requestContext.get();
    if (ctx) entry.requestId = ctx.requestId;
    // Nest passes the context name as the last string argument and a stack before it for errors.
    const args = [...rest];
    if (args.length > 0 && typeof args[args.length - 1] === 'string') entry.context = args.pop();
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.error = message.name;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (args.length > 0) {
      const [first] = args;
      if (typeof first === 'string' && level === 'error') entry.stack = first;
      else if (typeof first === 'object' && first !== null) Object.assign(entry, first);
    }
    this.write(JSON.stringify(entry));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
}
