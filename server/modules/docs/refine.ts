// The central post-process of the generated OpenAPI document. @elysiajs/openapi turns each
// route's TypeBox schemas into an operation, but inlines every schema where it is used and
// derives operationIds from the path (postApiV1Login-links). This pass makes the document what
// client generators and readers expect of a public API:
//   - titled contract schemas (title: 'Chat', 'Contact', …) become components.schemas, used by $ref;
//   - identifier-safe, unique camelCase operationIds (the bot-facing ones named in operations.ts);
//   - for the bot-facing operations: descriptions, the signing and Idempotency-Key headers,
//     integer query counts, every error status with the Error schema and the rate-limit headers,
//     and an example for every request body and answer.
// It runs once per document (index.ts caches the result), on a copy of the plugin's output.
import { BOT_OPERATIONS, isBotFacing } from './operations';
import { exampleFor, type JsonSchema } from './examples';

type Json = Record<string, unknown>;
interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
}
interface ResponseObject {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { description?: string; required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, ResponseObject>;
  [key: string]: unknown;
}
interface Document {
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, JsonSchema>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface RefineOptions {
  publicUrl: string;
  /** The JSON body limit of /api/v1 and /api/platform/v1 (bytes). */
  jsonBodyMaxBytes: number;
  /** The upload cap (UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
}

/** Component names differing from the contract's titles. */
const COMPONENT_NAMES: Record<string, string> = { ErrorBody: 'Error' };
const ERROR_REF = { $ref: '#/components/schemas/Error' };

export const RATE_LIMIT_RESPONSE_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] as const;
const rateLimitHeaders = {
  'X-RateLimit-Limit': { description: 'Requests allowed per one-minute window for this key', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'Unix time in seconds at which the window ends', schema: { type: 'integer' } },
};
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };

/** The statuses every bot-facing operation documents (the platform API has no scopes: no 403). */
export function errorStatusesFor(path: string): string[] {
  return path.startsWith('/api/platform/') ? ['400', '401', '404', '409', '413', '429', '500'] : ['400', '401', '403', '404', '409', '413', '429', '500'];
}

const ERROR_EXAMPLES: Record<string, { code: string; message: string; field?: string; details?: Json }> = {
  '400': { code: 'BAD_REQUEST', message: 'Must be at most 10000 characters', field: 'body.text' },
  '401': { code: 'UNAUTHENTICATED', message: 'Send a valid API key as Authorization: Bearer <key>' },
  '403': { code: 'SCOPE_MISSING', message: 'This API key may not use this route', details: { scope: 'chats' } },
  '404': { code: 'NOT_FOUND', message: 'Not found' },
  '409': { code: 'IDEMPOTENCY_CONFLICT', message: 'This Idempotency-Key was used for another request', field: 'headers.idempotency-key' },
  '410': { code: 'LOGIN_LINK_USED', message: 'This login link was already used' },
  '413': { code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large', field: 'body' },
  '415': { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This type of file is not accepted', field: 'body.file' },
  '429': { code: 'RATE_LIMITED', message: 'Too many requests; try again in a few seconds' },
  '500': { code: 'INTERNAL', message: 'Something went wrong on our side' },
};

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input: `field` names the offending part (body.…, query.…, headers.…)',
  '401': 'Missing, wrong or revoked key; bad or replayed signature',
  '403': 'SCOPE_MISSING (details.scope names the scope) or the key’s creator lacks the right',
  '404': 'Not found in this organization',
  '409': 'IDEMPOTENCY_CONFLICT: an Idempotency-Key, handoffId or clientId reused with other input (or still in progress); other conflicts name their field',
  '413': 'The body is larger than the limit',
  '415': 'The file’s type is not accepted',
  '429': 'Rate limit reached: wait Retry-After seconds',
  '500': 'Unexpected server error',
};

const SUCCESS_DESCRIPTIONS: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted: queued, sent right away', '204': 'No content' };

const SIGNING_PARAMETERS: Parameter[] = [
  {
    name: 'X-Phoenix-Timestamp',
    in: 'header',
    required: false,
    description: 'Unix seconds (or 13-digit milliseconds) of a signed request; required with X-Phoenix-Signature and for keys created as "signature required"',
    schema: { type: 'string', pattern: '^[0-9]{10}([0-9]{3})?$' },
  },
  {
    name: 'X-Phoenix-Signature',
    in: 'header',
    required: false,
    description: 'hex(HMAC-SHA256(key = the API key, message = METHOD + "\\n" + pathWithQuery + "\\n" + timestamp + "\\n" + rawBody)); see the introduction',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
];
const IDEMPOTENCY_PARAMETER: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe: the first 2xx answer is replayed for 24 hours to a retry with the same key, method, path and body (Idempotent-Replayed: true); other input with the same key is a 409',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Identifier-safe camelCase: `postApiV1Login-links` → `postApiV1LoginLinks`. */
export function toIdentifier(raw: string): string {
  const words = raw.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `op${joined}`;
}

/** Moves every titled schema into components.schemas and puts a $ref in its place (inner ones first). */
function hoistTitledSchemas(doc: Document): void {
  const schemas = (doc.components.schemas ??= {});
  const seen = new Map<string, string>(Object.entries(schemas).map(([name, s]) => [name, JSON.stringify(s)]));
  const visit = (node: unknown, isSchemaRoot: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, isSchemaRoot));
    if (!isObject(node)) return node;
    const copy: Json = {};
    for (const [key, value] of Object.entries(node)) {
      // `examples`/`example` hold data, not schemas.
      copy[key] = key === 'example' || key === 'examples' ? value : visit(value, true);
    }
    const title = copy.title;
    if (!isSchemaRoot || typeof title !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(title) || !('type' in copy || 'anyOf' in copy || 'properties' in copy)) return copy;
    const name = COMPONENT_NAMES[title] ?? title;
    const text = JSON.stringify(copy);
    const known = seen.get(name);
    // Two different schemas with one title: keep this one inline (the quality test reports it).
    if (known !== undefined && known !== text) return copy;
    if (known === undefined) {
      seen.set(name, text);
      schemas[name] = copy as JsonSchema;
    }
    return { $ref: `#/components/schemas/${name}` };
  };
  doc.paths = visit(doc.paths, false) as Document['paths'];
  // The webhook payload schemas are already components; hoist what is inside them.
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) continue;
    const inner: Json = {};
    for (const [key, value] of Object.entries(schema)) inner[key] = key === 'example' || key === 'examples' ? value : visit(value, true);
    schemas[name] = inner as JsonSchema;
  }
}

/** `^[0-9]{1,N}$` strings (query counts the route converts) are integers to a client. */
function integerQuery(parameter: Parameter): void {
  const schema = parameter.schema;
  if (parameter.in !== 'query' || !schema || schema.type !== 'string' || typeof schema.pattern !== 'string') return;
  const digits = /^\^\[0-9\]\{1,(\d+)\}\$$/.exec(schema.pattern);
  if (!digits) return;
  parameter.schema = { type: 'integer', minimum: 0, maximum: 10 ** Number(digits[1]) - 1, ...(schema.description ? { description: schema.description } : {}) };
}

function errorResponse(status: string, path: string, opts: RefineOptions, existing?: ResponseObject): ResponseObject {
  const example = { error: { ...ERROR_EXAMPLES[status] ?? { code: 'BAD_REQUEST', message: 'Refused' } } };
  if (status === '413') {
    const limit = path.endsWith('/files') ? opts.uploadMaxBytes : opts.jsonBodyMaxBytes;
    example.error.message = `Bodies are limited to ${limit} bytes`;
  }
  if (status === '403' && path.startsWith('/api/v1/webhook')) example.error.details = { scope: 'webhooks' };
  const description =
    status === '413'
      ? `The body is larger than ${path.endsWith('/files') ? `UPLOAD_MAX_BYTES (${opts.uploadMaxBytes} bytes) plus the multipart envelope` : `${opts.jsonBodyMaxBytes} bytes`}`
      : (ERROR_DESCRIPTIONS[status] ?? existing?.description ?? 'Error');
  return { ...existing, description, content: { 'application/json': { schema: ERROR_REF, example } } };
}

function refineBotOperation(doc: Document, path: string, method: string, op: Operation, opts: RefineOptions): void {
  const entry = BOT_OPERATIONS[`${method} ${path}`];
  if (entry) {
    op.operationId = entry.operationId;
    if (!op.description && entry.description) op.description = entry.description;
  }
  const isV1 = path.startsWith('/api/v1/');
  const hasBody = op.requestBody !== undefined;
  const limit = path.endsWith('/files') ? opts.uploadMaxBytes : opts.jsonBodyMaxBytes;
  if (hasBody && op.description && !op.description.includes('Body limit')) op.description += `\n\nBody limit: ${limit} bytes${path.endsWith('/files') ? ' of file (UPLOAD_MAX_BYTES)' : ''}; larger bodies are a 413.`;

  // Parameters: integer counts, the signing headers (v1), Idempotency-Key (v1 POSTs).
  const parameters = op.parameters ?? [];
  for (const parameter of parameters) {
    integerQuery(parameter);
    const range = entry?.integerRanges?.[parameter.name];
    if (range && parameter.schema?.type === 'integer') Object.assign(parameter.schema, { minimum: range[0], maximum: range[1] });
  }
  if (isV1) {
    const names = new Set(parameters.map((p) => p.name.toLowerCase()));
    for (const parameter of SIGNING_PARAMETERS) if (!names.has(parameter.name.toLowerCase())) parameters.push(parameter);
    if (method === 'post' && !names.has('idempotency-key')) parameters.push(IDEMPOTENCY_PARAMETER);
  }
  if (parameters.length > 0) op.parameters = parameters;

  // Request body: only the content types the route parses, with an example.
  const content = op.requestBody?.content;
  if (content) {
    for (const [type, media] of Object.entries(content)) {
      if (media.example !== undefined) continue;
      media.example = type === 'application/json' && entry?.requestExample !== undefined ? entry.requestExample : exampleFor(media.schema, doc.components.schemas ?? {});
    }
  }

  // Answers: every error status with the Error schema; rate-limit headers on every v1 answer.
  const responses = (op.responses ??= {});
  for (const status of errorStatusesFor(path)) responses[status] = errorResponse(status, path, opts, responses[status]);
  for (const [status, original] of Object.entries(responses)) {
    let response = original;
    if (/^Response for status \d+$/.test(response.description ?? '')) response.description = SUCCESS_DESCRIPTIONS[status] ?? response.description;
    if (!/^2/.test(status) && ERROR_EXAMPLES[status] && !errorStatusesFor(path).includes(status)) response = responses[status] = errorResponse(status, path, opts, original);
    const headers: Record<string, unknown> = { ...response.headers };
    if (isV1) Object.assign(headers, rateLimitHeaders);
    if (status === '429') Object.assign(headers, retryAfter);
    if (Object.keys(headers).length > 0) response.headers = headers;
    for (const [type, media] of Object.entries(response.content ?? {})) {
      if (type === 'application/json' && media.example === undefined && media.schema) media.example = exampleFor(media.schema, doc.components.schemas ?? {});
    }
  }
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/**
 * What the generator gets wrong for every route: a `t.Void()` 204 comes out as a media-type map
 * holding the schema's own keys (content: { type, description }) — a 204 has no content; and a
 * download (the stored bytes, no response schema) has no 2xx at all.
 */
function repairResponses(path: string, op: Operation): void {
  const responses = op.responses ?? {};
  for (const response of Object.values(responses)) {
    if (response.content && Object.values(response.content).some((media) => !isObject(media))) delete response.content;
  }
  if (/\/files\/\{id\}$/.test(path) && !Object.keys(responses).some((status) => /^2/.test(status))) {
    responses['200'] = {
      description: 'The stored bytes, as an attachment (Content-Disposition) with their detected type and X-Content-Type-Options: nosniff',
      headers: { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } } },
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    };
    op.responses = responses;
  }
}

export function refineDocument(source: Record<string, unknown>, opts: RefineOptions): Record<string, unknown> {
  const doc = structuredClone(source) as unknown as Document;
  doc.servers = [{ url: opts.publicUrl, description: 'This server (PUBLIC_URL)' }];
  doc.components ??= {};
  hoistTitledSchemas(doc);

  const used = new Set<string>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!METHODS.has(method) || !isObject(op)) continue;
      repairResponses(path, op);
      if (isBotFacing(path)) refineBotOperation(doc, path, method, op, opts);
      // Unique identifiers for every operation (console and widget ones keep their derived names).
      let id = toIdentifier(op.operationId ?? `${method} ${path}`);
      for (let n = 2; used.has(id); n++) id = `${toIdentifier(op.operationId ?? `${method} ${path}`)}${n}`;
      used.add(id);
      op.operationId = id;
    }
  }
  for (const methods of Object.values(doc.webhooks ?? {})) {
    for (const op of Object.values(methods)) {
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        if (media.example === undefined) media.example = exampleFor(media.schema, doc.components.schemas ?? {});
      }
    }
  }
  return doc as unknown as Record<string, unknown>;
}
