import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build` puts the web application: dist/web, beside dist/apps. */
export const DEFAULT_WEB_DIST = resolve(__dirname, '../../../web');

/** A year, the longest lifetime caches honour: hashed asset names never change content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything without a content hash in its name is revalidated on each use, so a new build is picked up at once. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built web application under /app/ with a fallback to its index.html for client-side routes, and sends
 * `/` there. Hashed assets (/app/assets/, Vite names them by content) are cached immutable for a year; the HTML and
 * every other file are revalidated on each use. JS, CSS, JSON and HTML go out brotli- or gzip-compressed by the
 * `compression` middleware that installHttpHardening puts in front (HTTP_COMPRESSION). Does nothing when the build is
 * absent (the API alone, e.g. in a container built without it).
 */
export function serveWebApp(app: Express, dir: string = DEFAULT_WEB_DIST): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.get('/', (_req: Request, res: Response) => res.redirect(302, '/app/'));
  app.use(
    '/app/assets',
    express.static(join(dir, 'assets'), {
      fallthrough: false,
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
    }),
  );
  app.use(
    '/app',
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders: (res) => res.setHeader('Cache-Control', REVALIDATE),
    }),
  );
  app.use('/app', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(index);
  });
  return true;
}
