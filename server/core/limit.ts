/**
 * `fn` over `items` with at most `n` in flight, results in input order. Independent writes are
 * separate round trips worth overlapping, but a long list must not open hundreds of requests at
 * once against the database (or a benchmark's gateway).
 */
export async function mapLimit<T, R>(items: readonly T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
