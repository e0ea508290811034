/**
 * Ten times the demo data (issue 19): copies the seeded rows of the long lists straight into the
 * emulator's database, so pages and the dashboard can be measured with a park that has grown.
 *
 * Copy k of a document gets `_id` `<id>~x<k>` and every string field of its unique indexes
 * suffixed the same way (so it never collides), except the fields listed in `keep` — those hold
 * the copy to its parent, which is what makes a list grow: a copied study member stays in the same
 * group (the group gets ten times the members), a copied booking stays with the same enterprise.
 * A suffixed reference points at the copy of its parent with the same k (a copied branch's
 * `enterpriseIds` are the copied enterprises), so copies stay consistent among themselves.
 * Names and titles get a visible ` ·k` so a page shows which row it is.
 *
 * Not multiplied, on purpose: what time or a person's calendar bounds (expert slots, room
 * bookings: a room holds one booking per half hour however big the park grows), the park's own
 * configuration (park, teams, rubrics, quiz questions) and machinery (outbox, rate limits, imports).
 */
import { col } from '../server/core/db';
import type { Collections } from '../server/core/schema';

const config = require('../cloudbaserc.json') as {
  framework: { plugins: Record<string, { inputs?: { collections?: { collectionName: string; createIndexes?: { unique?: boolean; keys: { name: string }[] }[] }[] } }> };
};

interface Rule {
  /** Unique-index fields that keep the parent's value (the list under that parent grows). */
  keep?: string[];
  /** Further fields suffixed like `_id` (references to a parent that is copied too). */
  suffix?: string[];
}

/** The collections of the park's long lists, and how each one's copies stay consistent. */
export const MULTIPLIED: Partial<Record<keyof Collections, Rule>> = {
  users: {},
  enterprises: {},
  branches: {},
  audit: {},
  venues: {},
  events: {},
  checkins: { keep: ['openid'] },
  demands: {},
  policies: {},
  policyPackages: {},
  policyClaims: { keep: ['enterpriseId'] },
  volunteerActivities: {},
  volunteerRegistrations: {},
  volunteerCertificates: {},
  studyGroups: {},
  studyMembers: { keep: ['groupId'] },
  studyProgress: { keep: ['groupId', 'month'] },
  studyRecords: { keep: ['groupId', 'month'] },
  studyTopics: {},
  quizzes: {},
  quizAttempts: { keep: ['quizId', 'attemptNo'] },
  orgLife: {},
  ratings: { suffix: ['branchId'] },
  bookings: {},
  experts: {},
};

function uniqueFields(name: string): string[] {
  const cols = Object.values(config.framework.plugins).flatMap((p) => p.inputs?.collections ?? []);
  const decl = cols.find((c) => c.collectionName === name);
  return [...new Set((decl?.createIndexes ?? []).filter((i) => i.unique).flatMap((i) => i.keys.map((k) => k.name)))];
}

const tag = (v: unknown, k: number): unknown =>
  typeof v === 'string' ? `${v}~x${k}` : Array.isArray(v) ? v.map((x) => tag(x, k)) : v;

function copyOf(doc: Record<string, unknown>, k: number, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc, _id: `${doc._id}~x${k}` };
  for (const f of fields) if (f in out) out[f] = tag(out[f], k);
  for (const f of ['name', 'title']) if (typeof out[f] === 'string' && !fields.includes(f)) out[f] = `${out[f]} ·${k + 1}`;
  return out;
}

/**
 * Makes every collection of MULTIPLIED hold `times` as many rows as now (copies 1 … times-1 of
 * each row). Returns the rows before and after, per collection. Call once, on a fresh seed.
 */
export async function multiplyRows(times: number, only: (keyof Collections)[] = Object.keys(MULTIPLIED) as (keyof Collections)[]): Promise<Record<string, { before: number; after: number }>> {
  const out: Record<string, { before: number; after: number }> = {};
  for (const name of only) {
    const rule = MULTIPLIED[name] ?? {};
    const fields = [...uniqueFields(name).filter((f) => !(rule.keep ?? []).includes(f)), ...(rule.suffix ?? [])];
    const rows: Record<string, unknown>[] = [];
    for (let skip = 0; ; skip += 1000) {
      const { data } = await col(name).skip(skip).limit(1000).get();
      rows.push(...(data as unknown as Record<string, unknown>[]));
      if (data.length < 1000) break;
    }
    const copies = [];
    for (let k = 1; k < times; k++) for (const r of rows) copies.push(copyOf(r, k, fields));
    for (let i = 0; i < copies.length; i += 200) await col(name).add(copies.slice(i, i + 200) as never);
    out[name] = { before: rows.length, after: (await col(name).count()).total };
  }
  return out;
}
