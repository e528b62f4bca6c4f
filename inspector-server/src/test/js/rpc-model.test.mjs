import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedBuffer, RpcPairer, gapSize, normalizeDirection, parseMessage, summarize, toMillis } from '../../main/resources/web/js/lib/rpc-model.js';

describe('parseMessage and summarize', () => {
  test('accept raw text and objects alike', () => {
    const text = '{"jsonrpc":"2.0","id":3,"method":"tools/call"}';
    assert.deepEqual(parseMessage(text).json, JSON.parse(text));
    assert.equal(parseMessage({ a: 1 }).text, '{"a":1}');
    assert.equal(parseMessage('{"truncated…').json, undefined);
  });

  test('tell requests, notifications, responses and errors apart', () => {
    assert.deepEqual(summarize({ id: 1, method: 'ping' }), { kind: 'request', method: 'ping', id: 1, label: 'ping #1' });
    assert.equal(summarize({ method: 'notifications/progress' }).kind, 'notification');
    assert.equal(summarize({ id: 'a', result: {} }).label, 'response #a');
    assert.equal(summarize({ id: 2, error: { code: -1, message: 'boom' } }).label, 'error #2: boom');
    assert.equal(summarize([{}, {}]).label, 'batch of 2');
    assert.equal(summarize(undefined).kind, 'unknown');
  });

  test('name the tool, prompt, resource or progress in the label', () => {
    assert.equal(summarize({ id: 4, method: 'tools/call', params: { name: 'echo' } }).label, 'tools/call echo #4');
    assert.equal(summarize({ id: 5, method: 'resources/read', params: { uri: 'demo://a' } }).label, 'resources/read demo://a #5');
    assert.equal(summarize({ method: 'notifications/progress', params: { progressToken: 1, progress: 2, total: 5 } }).label, 'notifications/progress 2/5');
    assert.equal(summarize({ method: 'notifications/progress', params: { progress: 2 } }).label, 'notifications/progress 2');
  });
});

describe('RpcPairer', () => {
  const ev = (seq, serverId, direction, json, timestamp) => ({ seq, serverId, direction, json, timestamp });

  test('pairs a response with its request on the same server and reports the latency', () => {
    const p = new RpcPairer();
    assert.equal(p.observe(ev(1, 'a', 'SEND', { id: 1, method: 'tools/list' }, '2025-01-01T00:00:00.000Z')), null);
    assert.equal(p.observe(ev(2, 'b', 'RECEIVE', { id: 1, result: {} }, '2025-01-01T00:00:00.010Z')), null);
    assert.deepEqual(p.observe(ev(3, 'a', 'RECEIVE', { id: 1, result: {} }, '2025-01-01T00:00:00.025Z')),
      { requestSeq: 1, method: 'tools/list', latencyMs: 25 });
    assert.equal(p.observe(ev(4, 'a', 'RECEIVE', { id: 1, result: {} }, '2025-01-01T00:00:01Z')), null);
  });

  test('keeps server-initiated requests apart from client requests with the same id', () => {
    const p = new RpcPairer();
    const t0 = 1735689600000; // epoch milliseconds
    p.observe(ev(1, 'a', 'SEND', { id: 1, method: 'tools/call' }, t0 + 1000));
    p.observe(ev(2, 'a', 'RECEIVE', { id: 1, method: 'elicitation/create' }, t0 + 2000));
    assert.deepEqual(p.observe(ev(3, 'a', 'SEND', { id: 1, result: { action: 'accept' } }, t0 + 2500)),
      { requestSeq: 2, method: 'elicitation/create', latencyMs: 500 });
    assert.deepEqual(p.observe(ev(4, 'a', 'RECEIVE', { id: 1, result: {} }, t0 + 3000)),
      { requestSeq: 1, method: 'tools/call', latencyMs: 2000 });
  });

  test('does not confuse the number 1 with the string "1"', () => {
    const p = new RpcPairer();
    p.observe(ev(1, 'a', 'SEND', { id: 1, method: 'x' }, 0));
    assert.equal(p.observe(ev(2, 'a', 'RECEIVE', { id: '1', result: {} }, 0)), null);
  });

  test('forgets the oldest unanswered requests beyond its capacity', () => {
    const p = new RpcPairer(2);
    for (let i = 1; i <= 3; i += 1) p.observe(ev(i, 'a', 'send', { id: i, method: 'm' }, 0));
    assert.equal(p.observe(ev(4, 'a', 'receive', { id: 1, result: {} }, 0)), null);
    assert.equal(p.observe(ev(5, 'a', 'receive', { id: 3, result: {} }, 0)).requestSeq, 3);
  });
});

test('BoundedBuffer keeps the newest items and counts the dropped ones', () => {
  const b = new BoundedBuffer(2);
  [1, 2, 3, 4].forEach((i) => b.push(i));
  assert.deepEqual(b.drain(), { items: [3, 4], dropped: 2 });
  assert.deepEqual(b.drain(), { items: [], dropped: 0 });
});

test('gapSize reads an inclusive range or an explicit count', () => {
  assert.equal(gapSize({ from: 10, to: 14 }), 5);
  assert.equal(gapSize({ from: 10, to: 14, dropped: 3 }), 3);
  assert.equal(gapSize({ from: 'x' }), null);
  assert.equal(gapSize(null), null);
});

test('toMillis reads ISO text, epoch millis and epoch seconds', () => {
  assert.equal(toMillis('2025-01-01T00:00:00Z'), 1735689600000);
  assert.equal(toMillis(1735689600000), 1735689600000);
  assert.equal(toMillis(1735689600.5), 1735689600500);
  assert.equal(toMillis('1735689600.5'), 1735689600500);
  assert.ok(Number.isNaN(toMillis(undefined)));
  assert.equal(normalizeDirection('receive'), 'RECEIVE');
});
