import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways inside the page when the screen is narrower than it (a tablet held upright): the
 * scrolling region is a named landmark and takes the keyboard focus, so it can be scrolled with the arrow keys.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
