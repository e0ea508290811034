import { useMemo, useRef, useState } from 'react';
import { singleFlight } from '../domain/resource';

/**
 * An action button's handler: shows progress (`loading`) and ignores taps while the action
 * is running, so nothing is ever sent twice.
 */
export function useSubmit<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [loading, setLoading] = useState(false);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const run = useMemo(
    () =>
      singleFlight(async (...args: A) => {
        setLoading(true);
        try {
          return await fnRef.current(...args);
        } finally {
          setLoading(false);
        }
      }),
    [],
  );
  return { run, loading };
}
