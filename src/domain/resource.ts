/**
 * A cached remote value shared by several pages (e.g. `user.me`): one request in flight at a
 * time, subscribers told of every change, old data kept while refreshing.
 */
export interface ResourceState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

export interface Resource<T> {
  get(): ResourceState<T>;
  subscribe(listener: (s: ResourceState<T>) => void): () => void;
  /** Loads unless data is already there (force: always). Concurrent calls share one request. */
  load(opts?: { force?: boolean }): Promise<T>;
  /** Replace the data locally (after an action returned the new value). */
  set(data: T): void;
  /** Forget everything (identity changed). */
  reset(): void;
}

export function createResource<T>(fetcher: () => Promise<T>): Resource<T> {
  let state: ResourceState<T> = { data: undefined, error: undefined, loading: false };
  let inflight: Promise<T> | null = null;
  let generation = 0;
  const listeners = new Set<(s: ResourceState<T>) => void>();

  const emit = (next: ResourceState<T>) => {
    state = next;
    listeners.forEach((l) => l(state));
  };

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load({ force = false } = {}) {
      if (inflight) return inflight;
      if (!force && state.data !== undefined) return Promise.resolve(state.data);
      const gen = generation;
      emit({ ...state, loading: true, error: undefined });
      const p = fetcher().then(
        (data) => {
          if (gen === generation) emit({ data, error: undefined, loading: false });
          return data;
        },
        (error) => {
          if (gen === generation) emit({ ...state, error, loading: false });
          throw error;
        },
      );
      inflight = p;
      const clear = () => {
        if (inflight === p) inflight = null;
      };
      p.then(clear, clear);
      return p;
    },
    set(data) {
      emit({ data, error: undefined, loading: state.loading });
    },
    reset() {
      generation++;
      inflight = null;
      emit({ data: undefined, error: undefined, loading: false });
    },
  };
}

/**
 * Wraps an async function so that calls made while one is running are ignored (resolve to
 * undefined): a double tap cannot send an action twice.
 */
export function singleFlight<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  let running = false;
  const wrapped = async (...args: A): Promise<R | undefined> => {
    if (running) return undefined;
    running = true;
    try {
      return await fn(...args);
    } finally {
      running = false;
    }
  };
  wrapped.isRunning = () => running;
  return wrapped;
}
