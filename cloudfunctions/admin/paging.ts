/** Paged, searchable admin lists: one page and its total in two parallel calls. */
import { col } from '../../server/core/db';
import type { Collections } from '../../server/core/schema';

export const PAGE_SIZE = 20;

export async function pageOf<K extends keyof Collections>(name: K, where: Record<string, unknown>, orderBy: string, page: number) {
  const [rows, total] = await Promise.all([
    col(name).where(where).orderBy(orderBy, 'desc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).get(),
    col(name).where(where).count(),
  ]);
  return { page, pageSize: PAGE_SIZE, total: total.total, rows: rows.data };
}
