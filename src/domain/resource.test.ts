import { createResource, singleFlight } from './resource';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createResource', () => {
  it('loads once, shares an in-flight request and notifies subscribers', async () => {
    const d = deferred<number>();
    const fetcher = jest.fn(() => d.promise);
    const r = createResource(fetcher);
    const seen: boolean[] = [];
    r.subscribe((s) => seen.push(s.loading));
    const a = r.load();
    const b = r.load();
    expect(fetcher).toHaveBeenCalledTimes(1);
    d.resolve(7);
    await expect(a).resolves.toBe(7);
    await expect(b).resolves.toBe(7);
    expect(r.get()).toEqual({ data: 7, error: undefined, loading: false });
    expect(seen).toEqual([true, false]);
    await r.load();
    expect(fetcher).toHaveBeenCalledTimes(1);
    await r.load({ force: true });
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('keeps old data when a refresh fails', async () => {
    let n = 0;
    const r = createResource(async () => {
      if (++n === 2) throw new Error('down');
      return n;
    });
    await r.load();
    await expect(r.load({ force: true })).rejects.toThrow('down');
    expect(r.get().data).toBe(1);
    expect(r.get().error).toBeInstanceOf(Error);
  });

  it('drops a reply that arrives after reset (identity changed)', async () => {
    const d = deferred<string>();
    const r = createResource(() => d.promise);
    const p = r.load();
    r.reset();
    d.resolve('old identity');
    await p;
    expect(r.get().data).toBeUndefined();
  });

  it('set replaces data locally', () => {
    const r = createResource(async () => 1);
    r.set(5);
    expect(r.get().data).toBe(5);
  });
});

describe('singleFlight', () => {
  it('ignores calls while one is running', async () => {
    const d = deferred<string>();
    const fn = jest.fn(() => d.promise);
    const once = singleFlight(fn);
    const first = once();
    const second = once();
    expect(once.isRunning()).toBe(true);
    d.resolve('done');
    await expect(first).resolves.toBe('done');
    await expect(second).resolves.toBeUndefined();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(once.isRunning()).toBe(false);
  });

  it('frees the lock after a failure', async () => {
    const fn = jest.fn().mockRejectedValueOnce(new Error('x')).mockResolvedValueOnce('ok');
    const once = singleFlight(fn);
    await expect(once()).rejects.toThrow('x');
    await expect(once()).resolves.toBe('ok');
  });
});
