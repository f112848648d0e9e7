import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Client-side routes live under /app/; the path carries ids only, never form values or names. */
export const BASE = '/app';

export function navigate(path: string, replace = false): void {
  const url = `${BASE}${path}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function currentPath(): string {
  const p = window.location.pathname;
  return p.startsWith(BASE) ? p.slice(BASE.length) || '/' : '/';
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}

export type Route =
  | { name: 'inbox' }
  | { name: 'case'; id: string }
  | { name: 'task'; caseId: string; taskId: string }
  | { name: 'start' }
  | { name: 'cases' }
  | { name: 'dashboard' }
  | { name: 'notifications' }
  | { name: 'decoding' }
  | { name: 'referrals'; id?: string }
  | { name: 'callback' }
  | { name: 'not-found' };

export function match(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/inbox') return { name: 'inbox' };
  const tk = /^\/cases\/([0-9a-f-]{36})\/tasks\/([0-9a-f-]{36})$/i.exec(p);
  if (tk) return { name: 'task', caseId: tk[1], taskId: tk[2] };
  const c = /^\/cases\/([0-9a-f-]{36})$/i.exec(p);
  if (c) return { name: 'case', id: c[1] };
  if (p === '/start') return { name: 'start' };
  if (p === '/cases') return { name: 'cases' };
  if (p === '/dashboard') return { name: 'dashboard' };
  if (p === '/notifications') return { name: 'notifications' };
  if (p === '/decoding') return { name: 'decoding' };
  if (p === '/referrals') return { name: 'referrals' };
  const rf = /^\/referrals\/([0-9a-f-]{36})$/i.exec(p);
  if (rf) return { name: 'referrals', id: rf[1] };
  if (p === '/callback') return { name: 'callback' };
  return { name: 'not-found' };
}

export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={`${BASE}${to}`} onClick={onClick} {...rest} />;
}
