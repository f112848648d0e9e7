import { useEffect, useState } from 'react';
import { api } from './api';
import { useI18n } from './i18n';
import type { MessageKey } from './i18n/en';

export interface Agency {
  id: string;
  name: string;
  kind: string;
  country?: string | null;
}

let cache: Promise<Agency[]> | null = null;

/** The agency directory (`GET /agencies`), read once per page load and shared by every component. */
export function loadAgencies(): Promise<Agency[]> {
  cache ??= api<Agency[] | { items: Agency[] }>('/agencies').then(
    (r) => (Array.isArray(r) ? r : r.items),
    (e: unknown) => {
      cache = null;
      throw e;
    },
  );
  return cache;
}

/** Forgets the directory (a new sign-in may see it differently). */
export function resetDirectory(): void {
  cache = null;
}

/** Roles the catalogue names; any other role reads as its id made readable. */
export const KNOWN_ROLES = [
  'auditor',
  'caseworker',
  'child-protection-officer',
  'consular-officer',
  'coordinator',
  'cultural-mediator',
  'data-protection-officer',
  'labour-inspector',
  'manager',
  'ngo-caseworker',
  'ngo-coordinator',
  'ngo-professional',
  'operator',
  'platform-admin',
  'police-coordinator',
  'police-officer',
  'protection-officer',
  'return-officer',
  'shelter-worker',
  'social-worker',
  'supervisor',
  'volunteer',
  'prosecutor',
  'victim-advocate',
] as const;

const readable = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

/** A role's name from the catalogue (`role.<id>`), or its id made readable. */
export function roleLabel(t: (key: MessageKey) => string, id: string): string {
  return (KNOWN_ROLES as readonly string[]).includes(id) ? t(`role.${id}` as MessageKey) : readable(id);
}

/** Names for agency and role ids, in the interface language: the words a person reads instead of keys. */
export function useNames(signedIn: unknown = true): {
  agencies: Agency[];
  agency: (id: string | null | undefined) => string;
  role: (id: string) => string;
  roles: (ids: readonly string[]) => string;
} {
  const { t } = useI18n();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    let live = true;
    if (!signedIn) return;
    loadAgencies().then(
      (a) => live && setAgencies(a),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [signedIn]);
  const role = (id: string) => roleLabel(t, id);
  return {
    agencies,
    agency: (id) => (id ? (agencies.find((a) => a.id === id)?.name ?? id) : '—'),
    role,
    roles: (ids) => ids.map(role).join(', '),
  };
}
