/**
 * `npm run smoke:cloud`: checks, once, against the park's real CloudBase environment, the five
 * behaviours the local emulator assumes but nobody can settle offline (../findings: the
 * real-environment checklist). Each check writes into a scratch collection, reads what CloudBase
 * answers, and the script prints one table "assumed / observed", removes every document it wrote,
 * and exits 1 when any observation differs from what the emulator assumes — then the emulator
 * (local/emulator/) must be changed to match before anything else is trusted.
 *
 *   TCB_SECRET_ID / TCB_SECRET_KEY (TCB_SESSION_TOKEN)   the same API key as `npm run deploy`
 *   TCB_ENV_ID                                           the environment
 *   REDPARK_SMOKE_COLLECTION                             optional scratch collection (default redpark_smoke)
 *
 * `--dry-run` prints the plan and touches nothing. Exit codes: 0 all as assumed, 1 a difference (or
 * a check that could not run), 2 settings missing.
 *
 * Why a scratch collection: nothing here may touch a park's data. CloudBase's SDK can create a
 * collection but not drop one, so the (empty) scratch collection stays; delete it in the console
 * if you like.
 */
import tcb from '@cloudbase/node-sdk';
import { failOnMissing, installCrashHandlers, missing } from './release-env';

installCrashHandlers('smoke:cloud');

const DRY = process.argv.includes('--dry-run');
const COLLECTION = process.env.REDPARK_SMOKE_COLLECTION?.trim() || 'redpark_smoke';
/** The page the admin exports read per call (cloudfunctions/admin/ledgerRegistry.ts PAGE). */
const EXPORT_PAGE = 1000;

type Db = ReturnType<ReturnType<typeof tcb.init>['database']>;

interface Check {
  name: string;
  /** What is written and read, for --dry-run. */
  plan: string;
  /** What the emulator does (and the code relies on). */
  assumed: string;
  run(db: Db, tag: string): Promise<string>;
}

const errorCode = (e: unknown): string => {
  const x = e as { code?: string; errCode?: string | number; message?: string };
  return String(x?.code ?? x?.errCode ?? x?.message ?? e);
};

const CHECKS: Check[] = [
  {
    name: '事务内重复主键',
    plan: '写入 1 条文档；在事务中再用同一 _id 写入，记录返回的错误码',
    assumed: 'DATABASE_DUPLICATE_WRITE',
    async run(db, tag) {
      const id = `${tag}-dup`;
      await db.collection(COLLECTION).add({ _id: id, tag });
      try {
        await db.runTransaction(async (t: any) => {
          await t.collection(COLLECTION).add({ _id: id, tag });
        }, 1);
        return '未报错（写入成功）';
      } catch (e) {
        return errorCode(e);
      }
    },
  },
  {
    name: '聚合无 limit 的行数',
    plan: '写入 25 条不同分组的文档；aggregate().match().group().end() 不加 limit，记录返回行数',
    assumed: '20',
    async run(db, tag) {
      await db.collection(COLLECTION).add(Array.from({ length: 25 }, (_, i) => ({ tag, kind: 'group', k: i })));
      const r = await db.collection(COLLECTION).aggregate().match({ tag, kind: 'group' }).group({ _id: '$k' }).end();
      return String(r.data.length);
    },
  },
  {
    name: 'null 字段下写入子字段',
    plan: '写入 { a: null }；update({ a: { b: 1 } })（即 $set "a.b"），记录是否被拒绝',
    assumed: '拒绝',
    async run(db, tag) {
      const id = `${tag}-null`;
      await db.collection(COLLECTION).add({ _id: id, tag, a: null });
      try {
        await db.collection(COLLECTION).doc(id).update({ a: { b: 1 } });
        const { data } = await db.collection(COLLECTION).doc(id).get();
        return `接受（存为 ${JSON.stringify(data[0]?.a)}）`;
      } catch {
        return '拒绝';
      }
    },
  },
  {
    name: '未改变任何值的 update',
    plan: '写入 { v: 1 }；update({ v: 1 })，记录 updated',
    assumed: '0',
    async run(db, tag) {
      const id = `${tag}-noop`;
      await db.collection(COLLECTION).add({ _id: id, tag, v: 1 });
      const r = await db.collection(COLLECTION).doc(id).update({ v: 1 });
      return String(r.updated);
    },
  },
  {
    name: '批量写入中途遇到重复主键',
    plan: '写入 _id 为 b2 的文档；再 add([b1, b2, b3])，记录是否报错以及 b1、b3 是否写入',
    // The emulator's answer (ordered, as MongoDB insertMany). The code does not rely on either
    // answer (createRovingDay, publishSlots, the booking's notices take back or skip what was
    // written), but the emulator should say what CloudBase does.
    assumed: '拒绝；b1 已写入；b3 未写入',
    async run(db, tag) {
      await db.collection(COLLECTION).add({ _id: `${tag}-b2`, tag });
      let refused = '未报错';
      try {
        await db.collection(COLLECTION).add(['b1', 'b2', 'b3'].map((k) => ({ _id: `${tag}-${k}`, tag })));
      } catch {
        refused = '拒绝';
      }
      const has = async (k: string) => ((await db.collection(COLLECTION).doc(`${tag}-${k}`).get()).data.length ? '已写入' : '未写入');
      return `${refused}；b1 ${await has('b1')}；b3 ${await has('b3')}`;
    },
  },
  {
    name: '导出单页读取行数',
    plan: `写入 ${EXPORT_PAGE + 5} 条文档；where().limit(${EXPORT_PAGE}).get()，记录返回行数（导出每页读 ${EXPORT_PAGE} 行）`,
    assumed: String(EXPORT_PAGE),
    async run(db, tag) {
      for (let i = 0; i < EXPORT_PAGE + 5; i += 500) {
        await db.collection(COLLECTION).add(Array.from({ length: Math.min(500, EXPORT_PAGE + 5 - i) }, (_, j) => ({ tag, kind: 'page', n: i + j })));
      }
      const r = await db.collection(COLLECTION).where({ tag, kind: 'page' }).limit(EXPORT_PAGE).get();
      return String(r.data.length);
    },
  },
];

async function cleanUp(db: Db, tag: string): Promise<number> {
  let removed = 0;
  // where().remove() is capped per call on CloudBase; loop until nothing of this run is left.
  for (let round = 0; round < 20; round++) {
    const r = await db.collection(COLLECTION).where({ tag }).remove();
    removed += Number(r.deleted ?? 0);
    if (!r.deleted) break;
  }
  return removed;
}

async function main(): Promise<void> {
  if (DRY) {
    console.log(`[smoke:cloud] 计划（--dry-run，不连接云开发）：临时集合 ${COLLECTION}`);
    CHECKS.forEach((c, i) => console.log(`${i + 1}. ${c.name}：${c.plan}；预期 ${c.assumed}`));
    console.log(`最后删除本次写入的全部文档；有任何一项与预期不同则以 1 退出。`);
    return;
  }
  failOnMissing('smoke:cloud', missing([
    { name: 'TCB_SECRET_ID', what: '腾讯云 API 密钥 SecretId，与 npm run deploy 相同' },
    { name: 'TCB_SECRET_KEY', what: '腾讯云 API 密钥 SecretKey' },
    { name: 'TCB_ENV_ID', what: '云开发环境 ID' },
  ]));
  const app = tcb.init({
    env: process.env.TCB_ENV_ID!.trim(),
    secretId: process.env.TCB_SECRET_ID!.trim(),
    secretKey: process.env.TCB_SECRET_KEY!.trim(),
    ...(process.env.TCB_SESSION_TOKEN ? { sessionToken: process.env.TCB_SESSION_TOKEN } : {}),
    timeout: 30000,
  });
  const db = app.database();
  try {
    await db.createCollection(COLLECTION);
  } catch {
    // Already there from an earlier run: fine.
  }
  const tag = `smoke-${Date.now().toString(36)}`;
  const rows: { name: string; assumed: string; observed: string }[] = [];
  try {
    for (const c of CHECKS) {
      let observed: string;
      try {
        observed = await c.run(db, tag);
      } catch (e) {
        observed = `无法执行：${errorCode(e)}`;
      }
      rows.push({ name: c.name, assumed: c.assumed, observed });
    }
  } finally {
    const removed = await cleanUp(db, tag).catch(() => -1);
    console.log(removed >= 0 ? `[smoke:cloud] 已删除本次写入的 ${removed} 条文档。` : `[smoke:cloud] 清理失败：请在控制台删除集合 ${COLLECTION} 中 tag=${tag} 的文档。`);
  }
  console.table(rows.map((r) => ({ 项目: r.name, 预期: r.assumed, 实际: r.observed, 一致: r.assumed === r.observed ? '是' : '否' })));
  const diff = rows.filter((r) => r.assumed !== r.observed);
  if (diff.length) {
    console.error(`[smoke:cloud] ${diff.length} 项与本地模拟器的假设不同：先按实际结果修改 local/emulator/ 并补契约测试。`);
    process.exit(1);
  }
  console.log('[smoke:cloud] 全部与本地模拟器的假设一致。');
}

main().catch((e) => {
  console.error(`[smoke:cloud] 失败：${errorCode(e)}`);
  process.exit(1);
});
