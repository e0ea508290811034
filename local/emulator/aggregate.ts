/**
 * `collection.aggregate()....end()` → `database.aggregateDocuments` with
 * `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }, ...]`. The pipeline runs in mingo over the
 * collection's documents; `$lookup` reads the other collection through the same existence check as any
 * request (an undeclared `from` is DATABASE_COLLECTION_NOT_EXIST, as in CloudBase).
 */
import { aggregate } from 'mingo';
import { isPlainObject, type Doc } from './ejson';
import { asInvalidParam, invalidParam } from './errors';
import { ENGINE_OPTIONS } from './query';

/** Stages that would write, or need geo indexes: not emulated. */
const REFUSED = new Set(['$out', '$merge', '$geoNear']);

export function decodePipeline(stages: unknown, decode: (v: unknown) => unknown): Record<string, unknown>[] {
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
  return stages.map((s) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
      throw invalidParam('each stage needs a stageKey like "$match" and a stageValue');
    }
    if (REFUSED.has(s.stageKey)) throw invalidParam(`aggregation stage ${s.stageKey} is not supported by the emulator`);
    return { [s.stageKey]: decode(s.stageValue) };
  });
}

export function runPipeline(docs: Doc[], pipeline: Record<string, unknown>[], resolve: (name: string) => Doc[]): Doc[] {
  return asInvalidParam('aggregation failed', () =>
    aggregate(docs, pipeline, { ...ENGINE_OPTIONS, collectionResolver: (name: string) => resolve(name) }) as Doc[],
  );
}
