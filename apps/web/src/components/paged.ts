import { useCallback, useState } from 'react';
import { useLatest } from './latest';

/**
 * A list read a page at a time (`limit`/`offset`): the first page replaces what is shown, "Show more" appends the
 * next one (skipping items already shown, should the list have moved meanwhile), and `more` says whether the last
 * page came back full. Answers to superseded requests are dropped (see useLatest). `idOf` must be stable.
 */
export function usePagedList<T>(pageSize: number, idOf: (item: T) => string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [more, setMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useLatest();

  /** The first page; with `clear`, the list shows as loading until it arrives. */
  const loadFirst = useCallback(
    (request: Promise<{ items: T[] }>, onError: (e: unknown) => void, clear = false) => {
      if (clear) setItems(null);
      return latest(
        request,
        (r) => {
          setItems(r.items);
          setMore(r.items.length === pageSize);
        },
        onError,
      );
    },
    [latest, pageSize],
  );

  /** The page after the items shown (the caller asks for it at offset `items.length`). */
  const loadMore = useCallback(
    (request: Promise<{ items: T[] }>, onError: (e: unknown) => void) => {
      setLoadingMore(true);
      return latest(
        request,
        (r) => {
          setItems((old) => [...(old ?? []), ...r.items.filter((x) => !old?.some((o) => idOf(o) === idOf(x)))]);
          setMore(r.items.length === pageSize);
        },
        onError,
      ).finally(() => setLoadingMore(false));
    },
    [latest, pageSize, idOf],
  );

  return { items, setItems, more, loadingMore, loadFirst, loadMore };
}
