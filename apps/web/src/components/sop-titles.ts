import { useEffect, useState } from 'react';
import { api, type SopDescription } from '../api';
import { useI18n } from '../i18n';

const cache = new Map<string, Promise<SopDescription>>();

/** An SOP's description (`GET /sops/:id`), read once per page load. */
export function loadSop(id: string): Promise<SopDescription> {
  let p = cache.get(id);
  if (!p) {
    p = api<SopDescription>(`/sops/${encodeURIComponent(id)}`);
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}

const readable = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

/**
 * Titles of SOPs and their steps for pages whose data carries ids only (notifications, the dashboard, the overdue
 * list): the interface language's label, else the SOP's own title, else the id made readable.
 */
export function useSopTitles(sopIds: readonly (string | null | undefined)[]): {
  sop: (id: string) => string;
  step: (sop: string, step: string) => string;
} {
  const { sopLabel } = useI18n();
  const [known, setKnown] = useState<Record<string, SopDescription>>({});
  const key = [...new Set(sopIds.filter((x): x is string => !!x))].sort().join(',');
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split(',') : []) {
      loadSop(id).then(
        (d) => live && setKnown((old) => (old[id] ? old : { ...old, [id]: d })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return {
    sop: (id) => sopLabel(`${id}.title`, known[id]?.title ?? readable(id)),
    step: (sop, step) =>
      sopLabel(`${sop}.${step}`, known[sop]?.steps?.find((s) => s.id === step)?.title ?? readable(step)),
  };
}
