/**
 * What the release scripts (deploy, upload, preview) share: fail fast, before any build or network
 * call, with one Chinese line per missing setting naming the exact variable; and crash handlers,
 * because miniprogram-ci can reject a promise from a forked child that nobody awaits (STACK-NOTES)
 * and a release script must never die silently or hang half-done.
 */
import fs from 'fs';

export interface Need {
  name: string;
  /** What it is, in Chinese, for the message. */
  what: string;
  /** Extra check on a present value: a reason it is wrong, or null. */
  check?: (value: string) => string | null;
}

export function missing(needs: Need[], env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const n of needs) {
    const v = env[n.name]?.trim();
    if (!v) out.push(`缺少环境变量 ${n.name}（${n.what}）。`);
    else {
      const bad = n.check?.(v);
      if (bad) out.push(`环境变量 ${n.name} 不正确：${bad}`);
    }
  }
  return out;
}

export const fileExists = (v: string) => (fs.existsSync(v) && fs.statSync(v).isFile() ? null : `找不到文件 ${v}。`);

/** Prints the problems and exits 2 (settings), distinct from 1 (a failed build or upload). */
export function failOnMissing(script: string, problems: string[]): void {
  if (!problems.length) return;
  for (const p of problems) console.error(`[${script}] ${p}`);
  console.error(`[${script}] 未执行任何操作。设置上述变量后重试（见 README → 生产部署）。`);
  process.exit(2);
}

export function installCrashHandlers(script: string): void {
  process.on('unhandledRejection', (err) => {
    console.error(`[${script}] 失败（未处理的异步错误）：${String((err as Error)?.message ?? err)}`);
    process.exit(1);
  });
  process.on('uncaughtException', (err) => {
    console.error(`[${script}] 失败：${err.message}`);
    process.exit(1);
  });
}

/** A mini-program AppID: `wx` and 16 hex digits. */
export function appIdProblem(v: string): string | null {
  return /^wx[0-9a-f]{16}$/.test(v) ? null : `${v} 不是小程序 AppID（wx 加 16 位十六进制）。`;
}
