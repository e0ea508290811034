import { useEffect, useState } from 'react';
import type { Resource, ResourceState } from '../domain/resource';

/** Subscribes a component to a shared resource and loads it on mount. */
export function useResource<T>(resource: Resource<T>, opts: { load?: boolean } = {}): ResourceState<T> & {
  reload: () => void;
} {
  const [state, setState] = useState(resource.get());
  useEffect(() => {
    const off = resource.subscribe(setState);
    setState(resource.get());
    if (opts.load !== false) resource.load().catch(() => undefined);
    return () => {
      off();
    };
  }, [resource]);
  return { ...state, reload: () => void resource.load({ force: true }).catch(() => undefined) };
}
