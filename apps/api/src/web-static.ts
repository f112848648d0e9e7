import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build` puts the web application: dist/web, beside dist/apps. */
export const DEFAULT_WEB_DIST = resolve(__dirname, '../../../web');

/**
 * Serves the built web application under /app/ with a fallback to its index.html for client-side routes, and sends
 * `/` there. Does nothing when the build is absent (the API alone, e.g. in a container built without it).
 */
export function serveWebApp(app: Express, dir: string = DEFAULT_WEB_DIST): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.get('/', (_req: Request, res: Response) => res.redirect(302, '/app/'));
  // Hashed asset names never change content; the index must always be fresh to pick up a new build.
  app.use('/app/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use('/app', express.static(dir, { index: false, redirect: false }));
  app.use('/app', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
