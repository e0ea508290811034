import { useEffect, useMemo, useRef, useState } from 'react';
import { singleFlight } from '../domain/resource';
import { submitLabel } from '../domain/submit';
import { rushQueue } from '../api/retry';

/**
 * Whether a running action is waiting out a rush (api/retry.ts): true while `running` and some
 * call is queued. Subscribed only while running, so idle buttons never re-render for it.
 */
export function useQueued(running: boolean): boolean {
  const [waiting, setWaiting] = useState(() => rushQueue.waiting());
  useEffect(() => {
    if (!running) return undefined;
    setWaiting(rushQueue.waiting());
    return rushQueue.subscribe(setWaiting);
  }, [running]);
  return running && waiting > 0;
}

/**
 * An action button's handler: shows progress (`loading`) and ignores taps while the action
 * is running, so nothing is ever sent twice. `queued` is true while its call waits out a rush;
 * `label(text)` is what the button says: 排队中… then, else `text`.
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
  const queued = useQueued(loading);
  const label = (text: string, busyLabel?: string) => submitLabel(text, { loading, queued }, busyLabel);
  return { run, loading, queued, label };
}
