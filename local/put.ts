/** The seeds' one write: insert a document with a fixed id, or leave the existing one (idempotent). */
import { col } from '../server/core/db';
import { isDuplicateKey } from '../server/core/errors';
import type { Collections } from '../server/core/schema';

export async function put<K extends keyof Collections>(name: K, id: string, doc: Collections[K]): Promise<void> {
  try {
    await col(name).add({ _id: id, ...doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}
