import { useCallback, useRef } from 'react';

/**
 * For pages whose filters start a new request each time they change: only the latest request's answer (or error)
 * reaches the page. An answer to a filter the user has already moved away from arrives late and is dropped, so the
 * page never shows the list of one filter under another.
 */
export function useLatest(): <T>(
  request: Promise<T>,
  onAnswer: (value: T) => void,
  onError: (e: unknown) => void,
) => Promise<void> {
  const latest = useRef(0);
  return useCallback(<T>(request: Promise<T>, onAnswer: (value: T) => void, onError: (e: unknown) => void) => {
    const mine = ++latest.current;
    return request.then(
      (value) => {
        if (latest.current === mine) onAnswer(value);
      },
      (e: unknown) => {
        if (latest.current === mine) onError(e);
      },
    );
  }, []);
}
