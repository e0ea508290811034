/**
 * Pages that stay light on a phone (issue 19): every page of the weapp build opened by its owner
 * (the demo role it is made for, harness.ts ownerOf), measuring what WeChat's experience audit
 * looks at — WXML nodes (< 1,000), depth (< 30), children of one node (≤ 60) — and the largest
 * single setData payload (flagged over 256 KB; refused over 1 MB). Used by phone.weapp.test.ts
 * (asserts the limits with ten times the demo data) and by bench/phone.ts (prints the table).
 */
import fs from 'fs';
import path from 'path';
import type { TestGateway } from '../../local/testing';
import { multiplyRows } from '../../local/multiply.testkit';
import { ARTIFACTS, bootSim, ownerOf, pageParams, problemsOf, ROLES, weappPages, type Role } from './harness';

export const LIMITS = { nodes: 1000, depth: 30, children: 60, setDataBytes: 256 * 1024 } as const;

export interface PhoneRow {
  page: string;
  role: Role;
  scale: number;
  status: string;
  nodes: number;
  depth: number;
  maxChildren: number;
  maxSetDataBytes: number;
  problems: string[];
}

/** What breaks WeChat's audit in one row (empty when the page is inside every limit). */
export function overLimits(r: PhoneRow): string[] {
  const out: string[] = [];
  if (r.nodes >= LIMITS.nodes) out.push(`${r.nodes} nodes (< ${LIMITS.nodes})`);
  if (r.depth >= LIMITS.depth) out.push(`depth ${r.depth} (< ${LIMITS.depth})`);
  if (r.maxChildren > LIMITS.children) out.push(`${r.maxChildren} children of one node (≤ ${LIMITS.children})`);
  if (r.maxSetDataBytes >= LIMITS.setDataBytes) out.push(`setData of ${r.maxSetDataBytes} bytes (< 256 KB)`);
  return out;
}

/** Opens every page as its owner on `gw` (whatever data it holds now) and measures it. */
export async function measurePages(gw: TestGateway, scale: number, params: Record<string, Record<string, string>>): Promise<PhoneRow[]> {
  const rows: PhoneRow[] = [];
  const pages = weappPages();
  for (const role of Object.keys(ROLES) as Role[]) {
    const mine = pages.filter((p) => ownerOf(p) === role);
    if (!mine.length) continue;
    const sim = await bootSim(gw, ROLES[role]);
    try {
      for (const page of mine) {
        const r = await sim.openPage(page, params[page] ?? {});
        rows.push({
          page, role, scale, status: r.status, nodes: r.nodes, depth: r.depth, maxChildren: r.maxChildren, maxSetDataBytes: r.maxSetDataBytes,
          problems: [...problemsOf(r), ...r.cloud.filter((c) => c.reply !== 'ok').map((c) => `${c.name}.${c.action} → ${c.reply}`)],
        });
      }
    } finally {
      sim.close();
    }
  }
  return rows.sort((a, b) => pages.indexOf(a.page) - pages.indexOf(b.page));
}

/** The demo data as seeded (1×), then `times` as many rows (local/multiply.testkit.ts): both measured. */
export async function measureAtScales(gw: TestGateway, times = 10): Promise<{ base: PhoneRow[]; grown: PhoneRow[]; rows: Record<string, { before: number; after: number }> }> {
  const params = await pageParams(gw);
  const base = await measurePages(gw, 1, params);
  const rows = await multiplyRows(times);
  const grown = await measurePages(gw, times, params);
  return { base, grown, rows };
}

/** One line per page: 1× and 10× side by side, the pages over a limit marked. */
export function phoneTable(base: PhoneRow[], grown: PhoneRow[]): string[] {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const cell = (r?: PhoneRow) => (!r ? ''.padEnd(30) : `${String(r.nodes).padStart(5)} ${String(r.depth).padStart(3)} ${String(r.maxChildren).padStart(4)} ${kb(r.maxSetDataBytes).padStart(10)}`);
  const lines = [
    `${'page (opened by its owner)'.padEnd(44)} ${'role'.padEnd(10)} ${'1×: nodes depth kids  setData'.padEnd(32)}  ${'10×: nodes depth kids  setData'}`,
  ];
  for (const b of base) {
    const g = grown.find((x) => x.page === b.page);
    const over = g ? overLimits(g) : [];
    lines.push(`${b.page.replace(/\/index$/, '').padEnd(44)} ${b.role.padEnd(10)} ${cell(b)}      ${cell(g)}${over.length ? `  OVER: ${over.join(', ')}` : ''}`);
  }
  const max = (rs: PhoneRow[], k: keyof PhoneRow) => Math.max(...rs.map((r) => r[k] as number));
  for (const [label, rs] of [['1×', base], ['10×', grown]] as const) {
    lines.push(`most at ${label}: ${max(rs, 'nodes')} nodes, depth ${max(rs, 'depth')}, ${max(rs, 'maxChildren')} children of one node, largest setData ${kb(max(rs, 'maxSetDataBytes'))}; ${rs.filter((r) => overLimits(r).length).length} of ${rs.length} pages over a limit`);
  }
  return lines;
}

/** artifacts/weapp/phone.{json,md}. */
export function writePhoneTable(base: PhoneRow[], grown: PhoneRow[]): void {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'phone.json'), JSON.stringify({ at: new Date().toISOString(), limits: LIMITS, base, grown }, null, 1));
  fs.writeFileSync(path.join(ARTIFACTS, 'phone.md'), ['```', ...phoneTable(base, grown), '```', ''].join('\n'));
}
