import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildServerSpec, formatLatency, formatRemaining, parseHeaderLines, prettyJson } from '../../main/resources/web/js/lib/format.js';

test('buildServerSpec builds an HTTP server with headers', () => {
  assert.deepEqual(buildServerSpec({ id: ' demo ', transport: 'streamable-http', url: 'http://localhost:8080/mcp', headers: 'Authorization: Bearer x\n\nX-A: b:c' }, 'local'),
    { ok: true, spec: { id: 'demo', transport: 'streamable-http', url: 'http://localhost:8080/mcp', headers: { Authorization: 'Bearer x', 'X-A': 'b:c' } } });
});

test('buildServerSpec builds a stdio server with one argument per line', () => {
  assert.deepEqual(buildServerSpec({ id: 'fs', transport: 'stdio', command: 'npx', args: '-y\n@scope/server dir\n' }, 'local'),
    { ok: true, spec: { id: 'fs', transport: 'stdio', command: 'npx', args: ['-y', '@scope/server dir'] } });
});

test('buildServerSpec refuses what the page can see is wrong', () => {
  assert.match(buildServerSpec({ id: '', transport: 'sse', url: 'http://x' }, 'local').message, /Give the server an id/);
  assert.equal(buildServerSpec({ id: 'a', transport: 'sse', url: 'ftp://x' }, 'local').message,
    'The URL must be an http:// or https:// address, but was "ftp://x".');
  assert.equal(buildServerSpec({ id: 'a', transport: 'stdio', command: 'x' }, 'hosted').message,
    'The stdio transport is not available in hosted mode.');
  assert.equal(buildServerSpec({ id: 'a', transport: 'stdio', command: ' ' }, 'local').message,
    'The stdio transport needs a command to run.');
  assert.match(buildServerSpec({ id: 'a', transport: 'websocket' }, 'local').message, /Transport must be one of/);
  assert.equal(parseHeaderLines('no colon here').message, 'Header line 1 must look like "Name: value", but was "no colon here".');
});

test('formatting helpers', () => {
  assert.equal(formatLatency(12.4), '12 ms');
  assert.equal(formatLatency(1520), '1.52 s');
  assert.equal(formatLatency(Number.NaN), '');
  const now = 1735689600000;
  assert.equal(formatRemaining(now + 3_661_000, now), 'in 1 h 1 min');
  assert.equal(formatRemaining(new Date(now + 90_000).toISOString(), now), 'in 1 min');
  assert.equal(formatRemaining(now, now + 10), 'expired');
  assert.equal(prettyJson('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(prettyJson('not json'), 'not json');
});
