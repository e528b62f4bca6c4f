import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressTracker, percentOf } from '../../main/resources/web/js/lib/progress-model.js';

test('a running call takes the first unknown token of its server and goes when it returns', () => {
  const t = new ProgressTracker();
  const call = t.startCall('demo', 'slow_count', 0);
  assert.equal(percentOf(call), null);
  assert.equal(t.update({ serverId: 'other', progressToken: 'x', progress: 1, total: 2 }, 1).isCall, false);
  const row = t.update({ serverId: 'demo', progressToken: 7, progress: 2, total: 4, message: 'two' }, 2);
  assert.equal(row.id, call.id);
  assert.equal(percentOf(row), 50);
  assert.equal(row.message, 'two');
  assert.equal(t.update({ serverId: 'demo', progressToken: '7', progress: 3, total: 4 }, 3).id, call.id);
  assert.deepEqual(t.finishCall(call.id, 'demo', 7), [call.id]);
  assert.equal(t.rows.size, 1);
});

test('progress without a total is indeterminate', () => {
  const t = new ProgressTracker();
  const row = t.update({ serverId: 's', progressToken: 1, progress: 5, total: null }, 0);
  assert.equal(percentOf(row), null);
});

test('a returned token removes the row that took it even if another call got it first', () => {
  const t = new ProgressTracker();
  const first = t.startCall('s', 'a', 0);
  const second = t.startCall('s', 'b', 0);
  t.update({ serverId: 's', progressToken: 'B', progress: 1, total: 2 }, 1); // B is really the second call's
  assert.deepEqual(t.finishCall(second.id, 's', 'B').sort(), [first.id, second.id].sort());
});

test('rows of other tabs expire when idle; running calls never do', () => {
  const t = new ProgressTracker();
  t.startCall('s', 'a', 0);
  const orphan = t.update({ serverId: 'q', progressToken: 1, progress: 1 }, 0);
  assert.deepEqual(t.expire(10_000, 5_000), [orphan.id]);
  assert.equal(t.rows.size, 1);
  assert.equal(t.update({ serverId: 'q' }, 0), null);
});

test('a report arriving after its call returned does not bring the row back', () => {
  const t = new ProgressTracker();
  const call = t.startCall('s', 'slow', 0);
  t.update({ serverId: 's', progressToken: 'p', progress: 1, total: 2 }, 1);
  t.finishCall(call.id, 's', 'p');
  assert.equal(t.update({ serverId: 's', progressToken: 'p', progress: 2, total: 2 }, 2), null);
  assert.equal(t.rows.size, 0);
});
