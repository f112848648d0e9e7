import { useEffect, useRef } from 'react';

/** How often a live page asks again while it is visible. */
export const LIVE_INTERVAL_MS = 4_000;

/**
 * Short polling for pages that must follow what others do (the case view, the inbox, a task): `reload` runs every
 * few seconds while the tab is visible, and at once when the tab comes back into view.
 */
export function useLiveReload(reload: () => void, intervalMs = LIVE_INTERVAL_MS): void {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';
    const id = setInterval(() => {
      if (visible()) latest.current();
    }, intervalMs);
    const onVisible = () => {
      if (visible()) latest.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs]);
}
