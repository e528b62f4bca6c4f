import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { argumentSkeleton, describeParameters, parseArguments } from '../../main/resources/web/js/lib/schema.js';

describe('argumentSkeleton', () => {
  test('fills required properties by type and optional ones only when they have a default', () => {
    const schema = {
      type: 'object',
      properties: {
        message: { type: 'string' },
        count: { type: 'integer', minimum: 1 },
        loud: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        mode: { enum: ['fast', 'slow'] },
        delay: { type: 'number', default: 0.5 },
        note: { type: 'string' },
      },
      required: ['message', 'count', 'loud', 'tags', 'mode'],
    };
    assert.deepEqual(argumentSkeleton(schema), { message: '', count: 1, loud: false, tags: [], mode: 'fast', delay: 0.5 });
  });

  test('nests objects and follows local $refs', () => {
    const schema = {
      type: 'object',
      $defs: { point: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } },
      properties: { at: { $ref: '#/$defs/point' }, missing: { $ref: '#/$defs/nope' } },
      required: ['at', 'missing'],
    };
    assert.deepEqual(argumentSkeleton(schema), { at: { x: 0 }, missing: null });
  });

  test('is an empty object for missing or odd schemas', () => {
    assert.deepEqual(argumentSkeleton(undefined), {});
    assert.deepEqual(argumentSkeleton('string'), {});
    assert.deepEqual(argumentSkeleton({ type: 'object' }), {});
  });

  test('survives a self-referencing schema', () => {
    const schema = { type: 'object', properties: { next: { $ref: '#' } }, required: ['next'] };
    assert.equal(typeof JSON.stringify(argumentSkeleton(schema)), 'string');
  });
});

test('describeParameters lists every parameter', () => {
  const rows = describeParameters({
    properties: { a: { type: 'string', description: 'the a' }, b: { enum: [1, 2] }, c: { type: 'array', items: { type: 'integer' } } },
    required: ['a'],
  });
  assert.deepEqual(rows, [
    { name: 'a', type: 'string', required: true, description: 'the a' },
    { name: 'b', type: 'one of 1, 2', required: false, description: '' },
    { name: 'c', type: 'array of integer', required: false, description: '' },
  ]);
});

describe('parseArguments', () => {
  test('accepts an object and treats empty text as no arguments', () => {
    assert.deepEqual(parseArguments('{"a": 1}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(parseArguments('  '), { ok: true, value: {} });
  });

  test('refuses invalid JSON with the parser message', () => {
    const result = parseArguments('{"a": }');
    assert.equal(result.ok, false);
    assert.match(result.message, /^The arguments are not valid JSON: .+\. Nothing was sent\.$/);
  });

  test('refuses JSON that is not an object', () => {
    assert.equal(parseArguments('[1]').message,
      'The arguments must be a JSON object such as {"name": "value"}, but this is an array. Nothing was sent.');
    assert.match(parseArguments('null').message, /but this is null/);
    assert.match(parseArguments('"x"').message, /but this is a string/);
  });
});
