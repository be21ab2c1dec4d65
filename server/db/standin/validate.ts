/**
 * Up-front checks of filters, update documents and pipelines, with mongod's codes and messages.
 * mingo only notices an unknown operator when it evaluates a document, so without these a typo
 * "works" on an empty or missing collection here and fails in production. Operator names come
 * from mingo's own registries: what passes here is what mingo can run.
 */
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as queryOps from 'mingo/operators/query';
import * as updateOps from 'mingo/operators/update';
import { CommandError, Codes, badValue, failedToParse } from './errors.ts';
import { type Doc, isPlainObject } from './values.ts';

const names = (mod: object, extra: string[] = []): Set<string> => new Set([...Object.keys(mod).filter((k) => k.startsWith('$')), ...extra]);

const TOP_LEVEL = new Set(['$and', '$or', '$nor', '$expr', '$jsonSchema', '$where', '$comment', '$text', '$alwaysTrue', '$alwaysFalse']);
/** `$options` rides along with `$regex`; `$meta` is rewritten by text.ts before mingo sees it. */
const FIELD_OPS = new Set([...names(queryOps, ['$options'])].filter((op) => !['$and', '$or', '$nor', '$expr', '$jsonSchema', '$where'].includes(op)));
const GEO_OPS = new Set(['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$within', '$box', '$center', '$centerSphere', '$polygon', '$geometry', '$maxDistance', '$minDistance']);
/** mongod accepts accumulators such as `$sum`/`$max` as plain expressions too; mingo evaluates them that way. */
const EXPRESSIONS = new Set([...names(expressionOps), ...names(accumulatorOps), '$meta']);
const ACCUMULATORS = names(accumulatorOps);
const STAGES = names(pipelineOps);
/** Stages mongod has but the stand-in cannot run: say so instead of "Unrecognized". */
const SERVER_ONLY_STAGES = new Set(['$geoNear', '$collStats', '$indexStats', '$currentOp', '$listLocalSessions', '$listSessions', '$planCacheStats', '$search', '$searchMeta', '$vectorSearch', '$listSearchIndexes', '$changeStreamSplitLargeEvent']);
const UPDATE_OPS = names(updateOps, ['$setOnInsert']);
const UPDATE_PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

const README = 'see server/db/README.md';

export function validateFilter(filter: unknown, nested = false): void {
  if (!isPlainObject(filter)) throw badValue('query filter must be an object');
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) validateTopLevel(key, value, nested);
    else validateFieldCondition(value);
  }
}

function validateTopLevel(op: string, value: unknown, nested: boolean): void {
  if (!TOP_LEVEL.has(op)) {
    throw badValue(`unknown top level operator: ${op}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`);
  }
  if (op === '$and' || op === '$or' || op === '$nor') {
    if (!Array.isArray(value)) throw badValue(`${op} must be an array`);
    if (value.length === 0) throw badValue('$and/$or/$nor must be a nonempty array');
    for (const clause of value) {
      if (!isPlainObject(clause)) throw badValue('$or/$and/$nor entries need to be full objects');
      validateFilter(clause, true);
    }
  } else if (op === '$expr') validateExpression(value, exprContext);
  else if (op === '$text' && nested) {
    // mongod allows it under $and/$or only with further index constraints; the stand-in keeps it top level.
    throw badValue(`$text is only supported at the top level of a filter by the MongoDB stand-in (${README})`);
  }
}

function validateFieldCondition(value: unknown): void {
  if (!isPlainObject(value)) return;
  const keys = Object.keys(value);
  // A document without operators is an equality match against that literal document.
  if (keys.length === 0 || !keys[0]?.startsWith('$')) return;
  for (const op of keys) {
    if (GEO_OPS.has(op)) throw badValue(`geo query operator ${op} is not supported by the MongoDB stand-in (${README})`);
    if (!FIELD_OPS.has(op)) throw badValue(`unknown operator: ${op}`);
    const arg = value[op];
    if (op === '$not' && isPlainObject(arg)) validateFieldCondition(arg);
    if (op === '$elemMatch' && isPlainObject(arg)) {
      const first = Object.keys(arg)[0];
      if (first !== undefined && first.startsWith('$') && !TOP_LEVEL.has(first)) validateFieldCondition(arg);
      else validateFilter(arg, true);
    }
  }
}

/** How an unknown expression operator is reported depends on where mongod parsed it. */
type ExprContext = (op: string) => CommandError;
const exprContext: ExprContext = (op) => new CommandError(168, 'InvalidPipelineOperator', `Unrecognized expression '${op}'`);
const projectContext: ExprContext = (op) => new CommandError(31325, 'Location31325', `Invalid $project :: caused by :: Unknown expression ${op}`);

export function validateExpression(expr: unknown, unknown: ExprContext = exprContext): void {
  if (Array.isArray(expr)) {
    for (const el of expr) validateExpression(el, unknown);
    return;
  }
  if (!isPlainObject(expr)) return;
  const keys = Object.keys(expr);
  const op = keys[0];
  if (keys.length === 1 && op?.startsWith('$')) {
    if (!EXPRESSIONS.has(op)) throw unknown(op);
    if (op === '$literal' || op === '$meta') return;
    validateExpression(expr[op], unknown);
    return;
  }
  for (const v of Object.values(expr)) validateExpression(v, unknown);
}

function validateProject(spec: unknown): void {
  if (!isPlainObject(spec)) return;
  for (const v of Object.values(spec)) {
    if (typeof v === 'number' || typeof v === 'boolean') continue;
    const keys = isPlainObject(v) ? Object.keys(v) : [];
    if (isPlainObject(v) && !keys.some((k) => k.startsWith('$'))) validateProject(v);
    else validateExpression(v, projectContext);
  }
}

function validateAccumulators(spec: Doc, skip: string[]): void {
  for (const [field, acc] of Object.entries(spec)) {
    if (skip.includes(field)) continue;
    const keys = isPlainObject(acc) ? Object.keys(acc) : [];
    if (keys.length !== 1) throw new CommandError(40234, 'Location40234', `The field '${field}' must be an accumulator object`);
    const op = keys[0] as string;
    if (!ACCUMULATORS.has(op)) throw new CommandError(15952, 'Location15952', `unknown group operator '${op}'`);
    validateExpression((acc as Doc)[op]);
  }
}

function stageName(stage: unknown): string {
  const keys = isPlainObject(stage) ? Object.keys(stage) : [];
  if (keys.length !== 1) throw new CommandError(40323, 'Location40323', 'A pipeline stage specification object must contain exactly one field.');
  return keys[0] as string;
}

function validateStage(name: string, arg: unknown): void {
  switch (name) {
    case '$match':
      return validateFilter(arg);
    case '$project':
      return validateProject(arg);
    case '$addFields':
    case '$set':
    case '$replaceWith':
    case '$sortByCount':
    case '$redact':
      return validateExpression(arg);
    case '$replaceRoot':
      return validateExpression(isPlainObject(arg) ? arg.newRoot : arg);
    case '$group':
      if (isPlainObject(arg)) {
        validateExpression(arg._id);
        validateAccumulators(arg, ['_id']);
      }
      return;
    case '$bucket':
    case '$bucketAuto':
      if (isPlainObject(arg)) {
        validateExpression(arg.groupBy);
        if (isPlainObject(arg.output)) validateAccumulators(arg.output, []);
      }
      return;
    case '$facet':
      if (isPlainObject(arg)) for (const sub of Object.values(arg)) if (Array.isArray(sub)) validatePipeline(sub);
      return;
    case '$lookup':
    case '$unionWith':
      if (isPlainObject(arg) && isPlainObject(arg.let)) validateExpression(arg.let);
      if (isPlainObject(arg) && Array.isArray(arg.pipeline)) validatePipeline(arg.pipeline);
      return;
  }
}

/** Every stage is known and every expression inside it is one mingo can evaluate. */
export function validatePipeline(pipeline: unknown[]): void {
  for (const [i, stage] of pipeline.entries()) {
    const name = stageName(stage);
    if (i > 0 && name === '$match' && isPlainObject((stage as Doc).$match) && '$text' in ((stage as Doc).$match as Doc)) {
      throw new CommandError(17313, 'Location17313', '$match with $text is only allowed as the first pipeline stage');
    }
    if (SERVER_ONLY_STAGES.has(name)) throw badValue(`${name} is not supported by the MongoDB stand-in (${README})`);
    if (!STAGES.has(name) && name !== '$changeStream') {
      throw new CommandError(Codes.Location40324, 'Location40324', `Unrecognized pipeline stage name: '${name}'`);
    }
    validateStage(name, (stage as Doc)[name]);
  }
}

/** Update documents and update pipelines, parsed as mongod does before it touches a document. */
export function validateUpdateSpec(spec: Doc | Doc[]): void {
  if (Array.isArray(spec)) {
    for (const stage of spec) {
      const name = stageName(stage);
      if (!UPDATE_PIPELINE_STAGES.has(name)) throw new CommandError(Codes.InvalidOptions, 'InvalidOptions', `${name} is not allowed to be used within an update`);
      validateStage(name, stage[name]);
    }
    return;
  }
  const keys = Object.keys(spec);
  if (keys.length === 0 || !keys[0]?.startsWith('$')) return;
  for (const op of keys) {
    if (!UPDATE_OPS.has(op)) {
      throw failedToParse(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!isPlainObject(spec[op])) {
      throw failedToParse(`Modifiers operate on fields but we found type ${Array.isArray(spec[op]) ? 'array' : typeof spec[op]} instead. For example: {$mod: {<field>: ...}} not {${op}: ${String(spec[op])}}`);
    }
  }
}

/**
 * mongod refuses `$`-prefixed names anywhere inside `_id` (DBRef's `$ref`/`$id`/`$db` excepted)
 * before it writes; mingo and our storage would happily keep them.
 */
export function assertStorableId(doc: Doc): void {
  const bad = dollarField(doc._id);
  if (bad !== undefined) {
    throw new CommandError(52, 'DollarPrefixedFieldName', `_id fields may not contain '$'-prefixed fields: ${bad} is not valid for storage.`);
  }
}

const DBREF = new Set(['$ref', '$id', '$db']);

function dollarField(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    for (const el of v) {
      const bad = dollarField(el);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (!isPlainObject(v)) return undefined;
  for (const [k, child] of Object.entries(v)) {
    if (k.startsWith('$') && !DBREF.has(k)) return k;
    const bad = dollarField(child);
    if (bad !== undefined) return bad;
  }
  return undefined;
}
