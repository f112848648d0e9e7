/** Who is signed in. Kept in sessionStorage (gone when the tab closes), never in a URL. */
export interface Session {
  token: string;
  sub: string;
  agency: string;
  roles: string[];
  mode: 'local' | 'oidc';
}

const KEY = 'waymark.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    const exp = tokenExpiry(s.token);
    if (exp !== null && exp * 1000 < Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** The payload of a JWT, unverified: only for showing who is signed in; the API verifies every request. */
export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    return JSON.parse(decodeURIComponent(escape(atob(b64)))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function tokenExpiry(token: string): number | null {
  const exp = decodeClaims(token).exp;
  return typeof exp === 'number' ? exp : null;
}

export const hasAnyRole = (s: Session | null, roles: readonly string[]) =>
  !!s && s.roles.some((r) => roles.includes(r));
export const DASHBOARD_ROLES = ['manager', 'supervisor'] as const;
/** Roles that may decode Temporal payloads (the API's CODEC_ROLES). */
export const CODEC_ROLES = ['operator', 'platform-admin'] as const;
