/**
 * `collection.aggregate()....end()` → `database.aggregateDocuments` with
 * `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }, ...]`. The pipeline runs in mingo over the
 * collection's documents; `$lookup` reads the other collection through the same existence check as any
 * request (an undeclared `from` is DATABASE_COLLECTION_NOT_EXIST, as in CloudBase).
 *
 * As strict as CloudBase, not as kind as mingo:
 *  - Only the stages and operators CloudBase documents (node-sdk `docs/database/aggregate`, the same list
 *    the SDK's `db.command.aggregate` exposes), all of them MongoDB 4.0, are accepted. mingo also runs
 *    newer ones (`$facet`, `$round`, `$dateDiff`, `$setWindowFields` …) that CloudBase refuses.
 *  - An aggregation whose LAST stage is not `$limit` returns at most 20 rows, as it does in a cloud
 *    function (community-verified, not in the docs: findings P-02). A `$limit` followed by `$lookup` or
 *    `$project` is not trusted either (P-03, unverified), so every pipeline that may return more than 20
 *    rows must end with `.limit(n)`.
 */
import { aggregate } from 'mingo';
import { isPlainObject, type Doc } from './ejson';
import { asInvalidParam, invalidParam } from './errors';
import { ENGINE_OPTIONS } from './query';

/** Rows an aggregation returns when its last stage is not `$limit`. */
export const DEFAULT_AGGREGATE_ROWS = 20;

/** Stages CloudBase documents ($geoNear too, but it needs geo indexes: not emulated). */
const STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$group', '$limit', '$lookup', '$match', '$project',
  '$replaceRoot', '$sample', '$skip', '$sort', '$sortByCount', '$unwind',
]);

/** Expression operators and accumulators of `db.command.aggregate` (neq is sent as $ne). */
const EXPRESSION_OPERATORS = [
  'abs', 'add', 'ceil', 'divide', 'exp', 'floor', 'ln', 'log', 'log10', 'mod', 'multiply', 'pow', 'sqrt',
  'subtract', 'trunc', 'arrayElemAt', 'arrayToObject', 'concatArrays', 'filter', 'in', 'indexOfArray',
  'isArray', 'map', 'range', 'reduce', 'reverseArray', 'size', 'slice', 'zip', 'and', 'not', 'or', 'cmp',
  'eq', 'gt', 'gte', 'lt', 'lte', 'ne', 'cond', 'ifNull', 'switch', 'dateFromParts', 'dateFromString',
  'dayOfMonth', 'dayOfWeek', 'dayOfYear', 'isoDayOfWeek', 'isoWeek', 'isoWeekYear', 'millisecond', 'minute',
  'month', 'second', 'hour', 'week', 'year', 'literal', 'mergeObjects', 'objectToArray', 'allElementsTrue',
  'anyElementTrue', 'setDifference', 'setEquals', 'setIntersection', 'setIsSubset', 'setUnion', 'concat',
  'dateToString', 'indexOfBytes', 'indexOfCP', 'split', 'strLenBytes', 'strLenCP', 'strcasecmp', 'substr',
  'substrBytes', 'substrCP', 'toLower', 'toUpper', 'meta', 'addToSet', 'avg', 'first', 'last', 'max', 'min',
  'push', 'stdDevPop', 'stdDevSamp', 'sum', 'let',
];

/** Query operators of `db.command` usable in `$match` (and `$expr` to switch to expressions). */
const QUERY_OPERATORS = [
  'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'all', 'elemMatch', 'exists', 'size', 'mod', 'and', 'or',
  'nor', 'not', 'expr', 'regex', 'options', 'text', 'search', 'language', 'caseSensitive', 'diacriticSensitive',
  'geoNear', 'geoWithin', 'geoIntersects', 'geometry', 'maxDistance', 'minDistance', 'centerSphere',
];

const OPERATORS = new Set([...EXPRESSION_OPERATORS, ...QUERY_OPERATORS].map((o) => `$${o}`));

/** Refuses a stage or operator CloudBase would not run, anywhere in `value` (a stage's argument). */
function checkOperators(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (const v of value) checkOperators(v, where);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) {
      if (!OPERATORS.has(k)) throw invalidParam(`aggregation operator ${k} (in ${where}) is not supported by CloudBase (MongoDB 4.0, documented operators only)`);
      if (k === '$literal') continue; // its argument is data, not an expression
    }
    checkOperators(v, where);
  }
}

function checkStage(stage: Record<string, unknown>): void {
  const [key] = Object.keys(stage);
  if (!STAGES.has(key)) throw invalidParam(`aggregation stage ${key} is not supported by CloudBase (MongoDB 4.0, documented stages only)`);
  const value = stage[key];
  if (key === '$lookup' && isPlainObject(value) && Array.isArray(value.pipeline)) {
    const { pipeline, ...rest } = value;
    checkOperators(rest, key);
    for (const s of pipeline) {
      if (!isPlainObject(s) || Object.keys(s).length !== 1) throw invalidParam('each $lookup pipeline stage must be an object with one stage key');
      checkStage(s);
    }
    return;
  }
  checkOperators(value, key);
}

export function decodePipeline(stages: unknown, decode: (v: unknown) => unknown): Record<string, unknown>[] {
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
  const pipeline = stages.map((s) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
      throw invalidParam('each stage needs a stageKey like "$match" and a stageValue');
    }
    return { [s.stageKey]: decode(s.stageValue) };
  });
  pipeline.forEach(checkStage);
  return pipeline;
}

export function runPipeline(docs: Doc[], pipeline: Record<string, unknown>[], resolve: (name: string) => Doc[]): Doc[] {
  const out = asInvalidParam('aggregation failed', () =>
    aggregate(docs, pipeline, { ...ENGINE_OPTIONS, collectionResolver: (name: string) => resolve(name) }) as Doc[],
  );
  const last = pipeline[pipeline.length - 1];
  return last && '$limit' in last ? out : out.slice(0, DEFAULT_AGGREGATE_ROWS);
}
