import type { Env } from '@waymark/config';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** `Cache-Control: no-store` on everything but the web application's files: API answers carry case data. */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/app/') && req.path !== '/app') res.setHeader('Cache-Control', 'no-store');
  next();
}

function origin(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

/**
 * Helmet with a strict Content-Security-Policy: the built web app (/app/) loads only its own hashed scripts and
 * stylesheets, talks to this origin (and the OIDC issuer when one is set), and may not be framed. Swagger UI
 * (/docs) needs inline styles, and gets them on its own pages only.
 */
export function securityHeaders(env: Env): RequestHandler {
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ...origin(env.OIDC_ISSUER)],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: env.HTTP_HSTS ? [] : null,
  };
  const common = {
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: env.HTTP_HSTS ? { maxAge: env.HTTP_HSTS_MAX_AGE_S, includeSubDomains: true } : false,
  };
  const strict = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives } });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  return (req, res, next) => (req.path === '/docs' || req.path.startsWith('/docs/') ? docs : strict)(req, res, next);
}
