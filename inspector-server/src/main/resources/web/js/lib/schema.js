// Tool input schemas: a JSON argument skeleton, a parameter summary, and argument parsing.
// Pure functions: no DOM, no globals. Schemas come from MCP servers and are untrusted.

const MAX_DEPTH = 6;

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Resolves a local `#/...` reference against the root schema; anything else gives null. */
function resolveRef(root, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return null;
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isPlainObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) return null;
    node = node[key];
  }
  return isPlainObject(node) ? node : null;
}

/** The first non-"null" type of a schema (types may be a string or a list). */
export function primaryType(schema) {
  if (!isPlainObject(schema)) return undefined;
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? type[0];
  if (isPlainObject(schema.properties)) return 'object';
  if (isPlainObject(schema.items)) return 'array';
  return undefined;
}

function skeletonValue(schema, root, depth) {
  if (!isPlainObject(schema) || depth > MAX_DEPTH) return null;
  if (schema.$ref !== undefined) {
    const target = resolveRef(root, schema.$ref);
    return target ? skeletonValue(target, root, depth + 1) : null;
  }
  if ('default' in schema) return clone(schema.default);
  if ('const' in schema) return clone(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return clone(schema.enum[0]);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return clone(schema.examples[0]);
  for (const key of ['oneOf', 'anyOf']) {
    if (!schema.type && Array.isArray(schema[key]) && schema[key].length > 0) {
      return skeletonValue(schema[key][0], root, depth + 1);
    }
  }
  switch (primaryType(schema)) {
    case 'string': return '';
    case 'integer':
    case 'number': return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean': return false;
    case 'array': return [];
    case 'null': return null;
    case 'object': return objectSkeleton(schema, root, depth);
    default: return null;
  }
}

/**
 * Properties that must be there (the `required` list) plus optional ones with a `default`,
 * so the skeleton never carries placeholder values the server would reject (an empty string
 * for an optional `uri`, say). Every parameter is still listed by describeParameters.
 */
function objectSkeleton(schema, root, depth) {
  const result = {};
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (required.has(name) || (isPlainObject(propertySchema) && 'default' in propertySchema)) {
      result[name] = skeletonValue(propertySchema, root, depth + 1);
    }
  }
  return result;
}

/**
 * The JSON object the arguments text area starts with.
 *
 * @param {unknown} inputSchema a tool's inputSchema
 * @returns {object} always a plain object (empty when the schema is missing or odd)
 */
export function argumentSkeleton(inputSchema) {
  if (!isPlainObject(inputSchema)) return {};
  const value = objectSkeleton(inputSchema, inputSchema, 0);
  return isPlainObject(value) ? value : {};
}

/**
 * One row per top-level parameter, for the help table beside the arguments.
 *
 * @param {unknown} inputSchema
 * @returns {{name: string, type: string, required: boolean, description: string}[]}
 */
export function describeParameters(inputSchema) {
  if (!isPlainObject(inputSchema) || !isPlainObject(inputSchema.properties)) return [];
  const required = new Set(Array.isArray(inputSchema.required) ? inputSchema.required : []);
  return Object.entries(inputSchema.properties).map(([name, schema]) => {
    const s = isPlainObject(schema) ? schema : {};
    let type = primaryType(s) ?? (s.$ref ? 'object' : 'any');
    if (Array.isArray(s.enum)) type = `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
    else if (type === 'array' && isPlainObject(s.items) && primaryType(s.items)) type = `array of ${primaryType(s.items)}`;
    const description = typeof s.description === 'string' ? s.description
      : typeof s.title === 'string' ? s.title : '';
    return { name, type, required: required.has(name), description };
  });
}

function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Parses the arguments text area. Empty text means no arguments ({}).
 *
 * @param {string} text
 * @returns {{ok: true, value: object} | {ok: false, message: string}}
 */
export function parseArguments(text) {
  if (typeof text !== 'string' || text.trim() === '') return { ok: true, value: {} };
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The arguments are not valid JSON: ${error.message}. Nothing was sent.` };
  }
  if (!isPlainObject(value)) {
    return {
      ok: false,
      message: `The arguments must be a JSON object such as {"name": "value"}, but this is ${kindOf(value)}. Nothing was sent.`,
    };
  }
  return { ok: true, value };
}
