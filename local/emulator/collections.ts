/**
 * Collection declarations, read from the same `cloudbaserc.json` that deploys them, so the emulator and
 * production can't drift: a collection that is not declared there does not exist locally either (CloudBase
 * answers DATABASE_COLLECTION_NOT_EXIST for a collection nobody created), and the unique indexes declared
 * there are enforced locally.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface IndexDecl {
  name: string;
  unique: boolean;
  keys: { name: string; direction: string | number }[];
}

export interface CollectionDecl {
  collectionName: string;
  aclTag?: string;
  createIndexes?: IndexDecl[];
}

export const DEFAULT_CLOUDBASERC = path.resolve(__dirname, '../../cloudbaserc.json');

/**
 * Every collection declared under `framework.plugins.*.inputs.collections` (the layout of
 * `@cloudbase/framework-plugin-database`). Throws with the file name when the file or a declaration is
 * malformed: a silently ignored typo would mean a missing unique index.
 */
export function loadCollections(cloudbasercPath: string = DEFAULT_CLOUDBASERC): CollectionDecl[] {
  let rc: unknown;
  try {
    rc = JSON.parse(fs.readFileSync(cloudbasercPath, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read collections from ${cloudbasercPath}: ${(e as Error).message}`);
  }
  const plugins = (rc as { framework?: { plugins?: Record<string, { inputs?: { collections?: unknown } }> } })
    ?.framework?.plugins;
  const out: CollectionDecl[] = [];
  for (const plugin of Object.values(plugins ?? {})) {
    const collections = plugin?.inputs?.collections;
    if (!Array.isArray(collections)) continue;
    for (const c of collections) out.push(validateDecl(c, cloudbasercPath));
  }
  return out;
}

function validateDecl(c: unknown, file: string): CollectionDecl {
  const decl = c as CollectionDecl;
  if (!decl || typeof decl.collectionName !== 'string' || decl.collectionName === '') {
    throw new Error(`${file}: a collection declaration has no collectionName`);
  }
  for (const idx of decl.createIndexes ?? []) {
    if (!idx || typeof idx.name !== 'string' || !Array.isArray(idx.keys) || idx.keys.length === 0) {
      throw new Error(`${file}: index of ${decl.collectionName} needs a name and at least one key`);
    }
    for (const k of idx.keys) {
      if (!k || typeof k.name !== 'string' || k.name === '') {
        throw new Error(`${file}: index ${idx.name} of ${decl.collectionName} has a key without a name`);
      }
    }
  }
  return decl;
}
