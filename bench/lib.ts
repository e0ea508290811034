/** What the benchmarks share: a throw-away gateway, a caller, a pool of concurrent callers, latency figures. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startGateway, type Gateway } from '../local/gateway';
import { mapLimit } from '../server/core/limit';

/** Runs `body` against a gateway on a fresh data folder, removed afterwards; exit code 1 when it returns false. */
export function runBench(body: (gw: Gateway) => Promise<boolean>): void {
  (async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-bench-'));
    const gw = await startGateway({ port: 0, dataDir });
    try {
      if (!(await body(gw))) process.exitCode = 1;
    } finally {
      await gw.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

export function poster(url: string) {
  return async (fn: string, action: string, params: unknown, openid: string) => {
    const res = await fetch(`${url}/api/${fn}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-WX-OPENID': openid },
      body: JSON.stringify({ action, params }),
    });
    return (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } };
  };
}

/** Runs job(0 … count-1) with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  await mapLimit(Array.from({ length: count }, (_, i) => i), concurrency, job);
}

/** Times one call into `latencies` (milliseconds). */
export async function timed<T>(latencies: number[], run: () => Promise<T>): Promise<T> {
  const t0 = process.hrtime.bigint();
  try {
    return await run();
  } finally {
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}

/** `p50 … ms   p99 … ms   max … ms` of a list of latencies. */
export function latencyLine(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return `p50 ${pct(50).toFixed(1)} ms   p99 ${pct(99).toFixed(1)} ms   max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}
