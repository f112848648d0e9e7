import type { NextFunction, Request, Response } from 'express';
import { sendHttpError } from './http-error';

interface PathMethods {
  pattern: RegExp;
  methods: string[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The API's own paths (OpenAPI templates such as `/cases/{id}`) as matchers with the methods each serves. */
export function pathTable(paths: Record<string, Record<string, unknown>>): PathMethods[] {
  return Object.entries(paths).map(([template, ops]) => ({
    // Built from the API's own route templates, never from a request.
    pattern: new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}/?$`,
    ),
    methods: Object.keys(ops)
      .filter((m) => HTTP_METHODS.includes(m))
      .map((m) => m.toUpperCase()),
  }));
}

/**
 * A method a known path does not serve is 405 with `Allow` (not a 404 that hides that the path exists with other
 * methods). HEAD and OPTIONS pass on (Express answers HEAD for GET; CORS preflights are answered before routing);
 * paths the API does not declare (the web app, the docs) pass on untouched.
 */
export function methodNotAllowed(paths: () => Record<string, Record<string, unknown>>) {
  let table: PathMethods[] | undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    table ??= pathTable(paths());
    const allowed = new Set(table.filter((r) => r.pattern.test(req.path)).flatMap((r) => r.methods));
    if (allowed.size === 0 || allowed.has(req.method)) return next();
    res.setHeader('Allow', [...allowed].join(', '));
    sendHttpError(res, 405, 'method_not_allowed', `This path does not serve ${req.method}; see Allow.`);
  };
}
