import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildFormModel, initialRawValue, validateAnswer } from '../../main/resources/web/js/lib/elicitation-model.js';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Your name', minLength: 2, maxLength: 5 },
    email: { type: 'string', format: 'email' },
    site: { type: 'string', format: 'uri' },
    born: { type: 'string', format: 'date' },
    at: { type: 'string', format: 'date-time' },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    score: { type: 'number' },
    agree: { type: 'boolean', default: true },
    color: { type: 'string', enum: ['r', 'g'], enumNames: ['Red', 'Green'] },
    size: { type: 'string', oneOf: [{ const: 's', title: 'Small' }, { const: 'l', title: 'Large' }] },
    toppings: { type: 'array', items: { enum: ['a', 'b', 'c'] }, maxItems: 2 },
  },
  required: ['name', 'age', 'color'],
};

describe('buildFormModel', () => {
  test('maps each property to a field kind with its constraints', () => {
    const { fields, error } = buildFormModel(schema);
    assert.equal(error, null);
    assert.deepEqual(fields.map((f) => [f.name, f.kind, f.required]), [
      ['name', 'text', true], ['email', 'email', false], ['site', 'uri', false], ['born', 'date', false],
      ['at', 'date-time', false], ['age', 'integer', true], ['score', 'number', false], ['agree', 'boolean', false],
      ['color', 'enum', true], ['size', 'enum', false], ['toppings', 'multi-enum', false],
    ]);
    assert.equal(fields[0].label, 'Your name');
    assert.equal(fields[1].label, 'email');
    assert.deepEqual(fields[8].options, [{ value: 'r', label: 'Red' }, { value: 'g', label: 'Green' }]);
    assert.deepEqual(fields[9].options, [{ value: 's', label: 'Small' }, { value: 'l', label: 'Large' }]);
    assert.equal(initialRawValue(fields[7]), true);
  });

  test('accepts schema text and reports unusable schemas', () => {
    assert.equal(buildFormModel(JSON.stringify(schema)).fields.length, 11);
    assert.match(buildFormModel('{nope').error, /not valid JSON/);
    assert.match(buildFormModel([1]).error, /not a JSON object/);
    assert.deepEqual(buildFormModel(null), { fields: [], error: null });
  });
});

describe('validateAnswer', () => {
  const model = buildFormModel(schema);
  const good = { name: 'Ada', age: '36', color: 'g', agree: false };

  test('converts a valid answer to typed content, omitting empty optional fields', () => {
    assert.deepEqual(validateAnswer(model, good), { ok: true, content: { name: 'Ada', age: 36, agree: false, color: 'g' } });
  });

  test('refuses missing required fields by name', () => {
    const result = validateAnswer(model, { agree: true });
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors, { name: 'Your name is required.', age: 'age is required.', color: 'color is required.' });
  });

  test('refuses type and range violations', () => {
    const check = (patch) => validateAnswer(model, { ...good, ...patch }).errors;
    assert.deepEqual(check({ age: '3.5' }), { age: 'age must be a whole number, but was 3.5.' });
    assert.deepEqual(check({ age: 'ten' }), { age: 'age must be a number, but was "ten".' });
    assert.deepEqual(check({ age: '200' }), { age: 'age must be at most 150, but was 200.' });
    assert.deepEqual(check({ name: 'A' }), { name: 'Your name needs at least 2 characters, but has 1.' });
    assert.deepEqual(check({ name: 'Adalovelace' }), { name: 'Your name allows at most 5 characters, but has 11.' });
    assert.deepEqual(check({ email: 'nope' }), { email: 'email must be an email address such as name@example.com.' });
    assert.deepEqual(check({ site: 'example.com' }), { site: 'site must be an absolute URI such as https://example.com/.' });
    assert.deepEqual(check({ born: '2024-02-30' }), { born: 'born must be a date as YYYY-MM-DD.' });
    assert.deepEqual(check({ at: 'tomorrow' }), { at: 'at must be a date and time such as 2025-01-31T13:45:00Z.' });
    assert.deepEqual(check({ color: 'blue' }), { color: 'color must be one of the offered options.' });
    assert.deepEqual(check({ toppings: ['a', 'b', 'c'] }), { toppings: 'toppings allows at most 2 choices, but has 3.' });
  });

  test('keeps well-formed optional values with their types', () => {
    const result = validateAnswer(model, {
      ...good, email: 'a@b.io', site: 'https://x.test/p', born: '2024-02-29', at: '2025-01-31T13:45:00Z',
      score: '-1.5e2', size: 'l', toppings: ['c', 'a'],
    });
    assert.equal(result.ok, true);
    assert.deepEqual(result.content, {
      name: 'Ada', email: 'a@b.io', site: 'https://x.test/p', born: '2024-02-29', at: '2025-01-31T13:45:00Z',
      age: 36, score: -150, agree: false, color: 'g', size: 'l', toppings: ['c', 'a'],
    });
  });

  test('turns a local date-time into an ISO instant', () => {
    const result = validateAnswer(model, { ...good, at: '2025-01-31T13:45' });
    assert.equal(result.ok, true);
    assert.match(result.content.at, /^2025-01-3\dT\d\d:\d\d:00\.000Z$/);
  });

  test('keeps the enum value type of the schema', () => {
    const numeric = buildFormModel({ properties: { n: { type: 'number', enum: [1, 2] } }, required: ['n'] });
    assert.deepEqual(validateAnswer(numeric, { n: '2' }), { ok: true, content: { n: 2 } });
  });
});
