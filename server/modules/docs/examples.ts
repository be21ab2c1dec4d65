// Example values built from a JSON schema, for the OpenAPI document's answers: the schema's own
// `examples`/`default`/`const` where it has one, else a value shaped by the property's name and
// format (ids look like ids, dates like dates). Every example is validated against its schema by
// server/test/openapi-quality.test.ts, so a schema this cannot satisfy shows up there and gets
// an `examples` entry of its own in shared/contract.

export type JsonSchema = Record<string, unknown>;

const OBJECT_ID = '65a1b2c3d4e5f60718293a4b';
const INSTANT = '2026-01-15T09:30:00.000Z';

/** Values by property name, where the name says more than the type. */
const WORDS: Record<string, string> = {
  name: 'Ada Lovelace',
  username: 'ada',
  assigneeName: 'Sam Agent',
  agentName: 'Sam Agent',
  text: 'Hello, how can I help?',
  label: 'Talk to another agent',
  comment: 'Quick and helpful',
  message: 'Something happened',
  channel: 'messenger',
  botUserId: 'u_1029384',
  handoffId: 'conv-8842:handoff-1',
  clientId: 'msg-5531',
  eventId: 'evt_5f2c9a7e41d3',
  tag: 'vip',
  key: 'plan',
  phone: '+44 20 7946 0958',
  secret: 'whsec_3f9a0c2b7d',
  cursor: 'eyJhZnRlciI6IjY1YTEifQ',
  next: 'eyJhZnRlciI6IjY1YTEifQ',
  timezone: 'Europe/Berlin',
  contentType: 'image/png',
  mimeType: 'image/png',
  lastError: 'HTTP 503 from the receiver',
  prefix: 'phx_live_3f9a',
};

function stringFor(name: string, schema: JsonSchema): string {
  const format = schema.format;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
  const word = WORDS[name];
  if (word !== undefined && word.length <= Number(schema.maxLength ?? Infinity) && (pattern === '' || new RegExp(pattern).test(word))) return word;
  if (format === 'date-time' || /(At|Since|Until)$/.test(name)) return INSTANT;
  if (format === 'email' || /email$/i.test(name)) return 'ada@example.com';
  if (format === 'uri' || /(url|Url)$/.test(name)) return 'https://example.com/path';
  if (pattern.includes('0-9a-fA-F]{24}') || /^id$|Id$/.test(name)) return OBJECT_ID;
  if (pattern === '^[0-9a-f]{64}$') return 'a'.repeat(64);
  let value = 'string';
  // A pattern the word does not fit: the first of a few common shapes that does.
  if (pattern !== '' && !new RegExp(pattern).test(value)) value = ['email', 'name', 'plan', 'a1', '1', 'x'].find((v) => new RegExp(pattern).test(v)) ?? value;
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) value = value.slice(0, schema.maxLength);
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) value = value.padEnd(schema.minLength, 'x');
  return value;
}

function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = components[ref.slice(ref.lastIndexOf('/') + 1)];
  return target ? resolve(target, components) : {};
}

export function exampleFor(input: JsonSchema | undefined, components: Record<string, JsonSchema>, name = '', depth = 0): unknown {
  if (!input || depth > 12) return null;
  const schema = resolve(input, components);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(options) && options.length > 0) {
    // Prefer a real value over null.
    const option = options.find((o) => o.type !== 'null') ?? options[0];
    return exampleFor(option, components, name, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as JsonSchema[]).map((part) => exampleFor(part, components, name, depth + 1) as object));
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      for (const [key, property] of Object.entries(properties)) out[key] = exampleFor(property, components, key, depth + 1);
      return out;
    }
    case 'array': {
      const count = Math.max(1, typeof schema.minItems === 'number' ? schema.minItems : 1);
      const limited = typeof schema.maxItems === 'number' ? Math.min(count, schema.maxItems) : count;
      const singular = name.replace(/s$/, '');
      return Array.from({ length: limited }, () => exampleFor(schema.items as JsonSchema | undefined, components, singular, depth + 1));
    }
    case 'integer':
    case 'number': {
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
      if (minimum !== undefined) return minimum;
      if (/seq$/i.test(name)) return 12;
      return typeof schema.maximum === 'number' ? Math.min(1, schema.maximum) : 1;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return stringFor(name, schema);
    default:
      return null;
  }
}
