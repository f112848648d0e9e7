import type { FieldError } from '@waymark/contracts';
import { safeFieldName } from './http-error';

/** Keys that reach `Object.prototype` (or a class) through merges and spreads; refused at any depth. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The deepest nesting of arrays and objects in a JSON text, found by scanning (no parse, no recursion) and stopping
 * as soon as `max` is exceeded, so a 5,000-deep body costs one pass over its bytes.
 */
export function exceedsJsonDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function join(path: string, key: string): string {
  const name = safeFieldName(key);
  return path ? `${path}.${name}` : name;
}

/**
 * The first problem in a parsed JSON body: a prototype-polluting key, or a NUL character in a key or string (JSON
 * can carry one escaped as \u0000). Iterative, so it is bounded by the body size alone.
 */
export function findHostileValue(value: unknown): FieldError | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { field: path || 'body', reason: 'must not contain NUL characters' };
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: `${path || 'body'}[${i}]` }));
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        const field = join(path, key);
        if (FORBIDDEN_KEYS.has(key)) return { field, reason: 'is a reserved name and is not accepted' };
        if (key.includes('\u0000')) return { field, reason: 'must not contain NUL characters' };
        stack.push({ value: (v as Record<string, unknown>)[key], path: field });
      }
    }
  }
  return undefined;
}

export interface MediaType {
  type: string;
  charset?: string;
}

/** `application/json; charset=utf-8` → { type: 'application/json', charset: 'utf-8' } (lower-cased, unquoted). */
export function parseMediaType(header: string): MediaType {
  const [type, ...params] = header.split(';');
  const out: MediaType = { type: type.trim().toLowerCase() };
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() === 'charset') {
      out.charset = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return out;
}

/** JSON routes take `application/json` (or a `+json` type) in UTF-8 only. */
export function isAcceptedJsonType(media: MediaType): boolean {
  const json =
    media.type === 'application/json' ||
    (media.type.startsWith('application/') && media.type.endsWith('+json') && !media.type.includes(' '));
  return json && (media.charset === undefined || media.charset === 'utf-8' || media.charset === 'utf8');
}

/**
 * A problem with the request target: bytes outside printable ASCII, a malformed %-escape or invalid UTF-8 behind
 * one, or a NUL anywhere in the path or query.
 */
export function findUrlProblem(url: string): FieldError | undefined {
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return { field: 'url', reason: 'must be printable ASCII (percent-encode the rest)' };
  }
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const decode = (s: string): string | undefined => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  };
  const pathText = decode(path);
  if (pathText === undefined) return { field: 'path', reason: 'is not valid percent-encoded UTF-8' };
  if (pathText.includes('\u0000')) return { field: 'path', reason: 'must not contain NUL characters' };
  if (q < 0) return undefined;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const field = name === undefined || name.includes('\u0000') ? 'query' : `query.${safeFieldName(name)}`;
    if (name === undefined || value === undefined) return { field, reason: 'is not valid percent-encoded UTF-8' };
    if (name.includes('\u0000') || value.includes('\u0000'))
      return { field, reason: 'must not contain NUL characters' };
    if (FORBIDDEN_KEYS.has(name.split('[')[0])) return { field, reason: 'is a reserved name and is not accepted' };
  }
  return undefined;
}
