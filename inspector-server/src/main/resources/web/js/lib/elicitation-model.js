// Elicitation: the requested schema as a form model, and validation of the user's answer.
// MCP elicitation schemas are flat objects of primitive properties. Pure: no DOM, no globals.

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const FORMAT_KINDS = { email: 'email', uri: 'uri', date: 'date', 'date-time': 'date-time' };

function enumOptions(schema) {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    return schema.enum.map((value, i) => ({
      value,
      label: typeof names[i] === 'string' ? names[i] : String(value),
    }));
  }
  for (const key of ['oneOf', 'anyOf']) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0 && branches.every((b) => isPlainObject(b) && 'const' in b)) {
      return branches.map((b) => ({ value: b.const, label: typeof b.title === 'string' ? b.title : String(b.const) }));
    }
  }
  return null;
}

function numberOrUndefined(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function fieldFrom(name, schema, required) {
  const s = isPlainObject(schema) ? schema : {};
  const field = {
    name,
    label: typeof s.title === 'string' && s.title ? s.title : name,
    description: typeof s.description === 'string' ? s.description : '',
    required,
    default: s.default,
  };
  const options = enumOptions(s);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (options) {
    return { ...field, kind: 'enum', options };
  }
  if (type === 'array' && isPlainObject(s.items) && enumOptions(s.items)) {
    return {
      ...field,
      kind: 'multi-enum',
      options: enumOptions(s.items),
      minItems: numberOrUndefined(s.minItems),
      maxItems: numberOrUndefined(s.maxItems),
    };
  }
  switch (type) {
    case 'string':
      return {
        ...field,
        kind: FORMAT_KINDS[s.format] ?? 'text',
        minLength: numberOrUndefined(s.minLength),
        maxLength: numberOrUndefined(s.maxLength),
        pattern: typeof s.pattern === 'string' ? s.pattern : undefined,
      };
    case 'number':
    case 'integer':
      return { ...field, kind: type, minimum: numberOrUndefined(s.minimum), maximum: numberOrUndefined(s.maximum) };
    case 'boolean':
      return { ...field, kind: 'boolean' };
    default:
      // Not a primitive the spec allows; still answerable as raw JSON rather than silently dropped.
      return { ...field, kind: 'json' };
  }
}

/**
 * The form model of a requested schema.
 *
 * @param {unknown} requestedSchema the schema object, or its JSON text
 * @returns {{fields: object[], error: string|null}} error is set when the schema is unusable
 *     (the dialog then offers only Decline and Cancel)
 */
export function buildFormModel(requestedSchema) {
  let schema = requestedSchema;
  if (typeof schema === 'string') {
    try {
      schema = JSON.parse(schema);
    } catch {
      return { fields: [], error: 'The server sent a requested schema that is not valid JSON.' };
    }
  }
  if (schema === undefined || schema === null) return { fields: [], error: null };
  if (!isPlainObject(schema)) {
    return { fields: [], error: 'The server sent a requested schema that is not a JSON object.' };
  }
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
  const fields = Object.entries(properties).map(([name, s]) => fieldFrom(name, s, required.has(name)));
  return { fields, error: null };
}

/**
 * The value a field's input starts with: the schema default when it fits, else empty.
 *
 * @param {object} field a field of buildFormModel
 * @returns {string|boolean|string[]}
 */
export function initialRawValue(field) {
  const d = field.default;
  switch (field.kind) {
    case 'boolean': return d === true;
    case 'multi-enum': return Array.isArray(d) ? d.map(String) : [];
    case 'json': return d === undefined ? '' : JSON.stringify(d);
    default: return d === undefined || d === null || typeof d === 'object' ? '' : String(d);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function validDate(text) {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkText(field, text) {
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength) {
    return { error: `${field.label} needs at least ${field.minLength} characters, but has ${length}.` };
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    return { error: `${field.label} allows at most ${field.maxLength} characters, but has ${length}.` };
  }
  if (field.pattern !== undefined) {
    let regex = null;
    try {
      regex = new RegExp(field.pattern, 'u');
    } catch {
      // A pattern the browser cannot compile is left to the server.
    }
    if (regex && !regex.test(text)) return { error: `${field.label} must match the pattern ${field.pattern}.` };
  }
  switch (field.kind) {
    case 'email':
      return EMAIL.test(text) ? { value: text } : { error: `${field.label} must be an email address such as name@example.com.` };
    case 'uri': {
      let ok = false;
      try {
        ok = /^[a-z][a-z0-9+.-]*:/i.test(text) && Boolean(new URL(text));
      } catch {
        ok = false;
      }
      return ok ? { value: text } : { error: `${field.label} must be an absolute URI such as https://example.com/.` };
    }
    case 'date':
      return validDate(text) ? { value: text } : { error: `${field.label} must be a date as YYYY-MM-DD.` };
    case 'date-time': {
      if (DATE_TIME.test(text) && validDate(text.slice(0, 10))) return { value: text };
      if (LOCAL_DATE_TIME.test(text) && validDate(text.slice(0, 10))) {
        const local = new Date(text); // no offset: the browser's local time, as the user typed it
        if (!Number.isNaN(local.getTime())) return { value: local.toISOString() };
      }
      return { error: `${field.label} must be a date and time such as 2025-01-31T13:45:00Z.` };
    }
    default:
      return { value: text };
  }
}

function checkNumber(field, text) {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return { error: `${field.label} must be a number, but was "${text}".` };
  const value = Number(trimmed);
  if (field.kind === 'integer' && !Number.isInteger(value)) {
    return { error: `${field.label} must be a whole number, but was ${trimmed}.` };
  }
  if (field.minimum !== undefined && value < field.minimum) {
    return { error: `${field.label} must be at least ${field.minimum}, but was ${value}.` };
  }
  if (field.maximum !== undefined && value > field.maximum) {
    return { error: `${field.label} must be at most ${field.maximum}, but was ${value}.` };
  }
  return { value };
}

function checkField(field, raw) {
  switch (field.kind) {
    case 'boolean':
      return { value: raw === true };
    case 'multi-enum': {
      const chosen = Array.isArray(raw) ? raw : [];
      if (chosen.length === 0 && !field.required) return { omit: true };
      if (chosen.length === 0) return { error: `${field.label} is required: choose at least one option.` };
      const values = [];
      for (const item of chosen) {
        const option = field.options.find((o) => String(o.value) === item);
        if (!option) return { error: `${field.label} has an option the server did not offer: "${item}".` };
        values.push(option.value);
      }
      if (field.minItems !== undefined && values.length < field.minItems) {
        return { error: `${field.label} needs at least ${field.minItems} choices, but has ${values.length}.` };
      }
      if (field.maxItems !== undefined && values.length > field.maxItems) {
        return { error: `${field.label} allows at most ${field.maxItems} choices, but has ${values.length}.` };
      }
      return { value: values };
    }
    default: {
      const text = typeof raw === 'string' ? raw : '';
      if (text === '') {
        return field.required ? { error: `${field.label} is required.` } : { omit: true };
      }
      if (field.kind === 'enum') {
        const option = field.options.find((o) => String(o.value) === text);
        return option ? { value: option.value } : { error: `${field.label} must be one of the offered options.` };
      }
      if (field.kind === 'number' || field.kind === 'integer') return checkNumber(field, text);
      if (field.kind === 'json') {
        try {
          return { value: JSON.parse(text) };
        } catch {
          return { error: `${field.label} must be valid JSON.` };
        }
      }
      return checkText(field, text);
    }
  }
}

/**
 * Checks an answer against the model before it is sent.
 *
 * @param {{fields: object[]}} model from buildFormModel
 * @param {Record<string, string|boolean|string[]>} raw the inputs' values by field name
 * @returns {{ok: true, content: object} | {ok: false, errors: Record<string, string>}}
 */
export function validateAnswer(model, raw) {
  const content = {};
  const errors = {};
  for (const field of model.fields) {
    const result = checkField(field, raw?.[field.name]);
    if (result.error) errors[field.name] = result.error;
    else if (!result.omit) content[field.name] = result.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, content };
}
