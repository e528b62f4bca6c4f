import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createApi, CSRF_HEADER } from '../../main/resources/web/js/lib/api.js';
import { ApiError } from '../../main/resources/web/js/lib/problem.js';

function json(status, body, type = 'application/json') {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function problem(status, code, detail) {
  return json(status, { type: 'about:blank', title: 'x', status, detail, code }, 'application/problem+json');
}

/** A fake fetch answering from a queue of handlers, recording every request. */
function fakeFetch(...answers) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request ${init.method} ${url}`);
    return typeof next === 'function' ? next(url, init) : next;
  };
  return { fetchImpl, calls };
}

const session = (token, extra = {}) => json(200, { csrfToken: token, mode: 'local', authenticated: true, renewed: false, ...extra });

describe('unsafe requests', () => {
  test('carry the CSRF token and a JSON content type, fetching the session first', async () => {
    const { fetchImpl, calls } = fakeFetch(session('t1'), json(201, { id: 'demo' }));
    const api = createApi({ fetchImpl });
    const result = await api.addServer({ id: 'demo', transport: 'sse', url: 'http://x' });
    assert.deepEqual(result, { id: 'demo' });
    assert.equal(calls[0].url, 'api/session');
    assert.equal(calls[1].url, 'api/servers');
    assert.equal(calls[1].init.method, 'POST');
    assert.equal(calls[1].init.headers[CSRF_HEADER], 't1');
    assert.equal(calls[1].init.headers['Content-Type'], 'application/json');
    assert.equal(calls[1].init.credentials, 'same-origin');
    assert.deepEqual(JSON.parse(calls[1].init.body), { id: 'demo', transport: 'sse', url: 'http://x' });
  });

  test('DELETE sends the token without a body and accepts 204', async () => {
    const { fetchImpl, calls } = fakeFetch(session('t1'), new Response(null, { status: 204 }));
    const api = createApi({ fetchImpl });
    assert.equal(await api.removeServer('a b/c'), null);
    assert.equal(calls[1].url, 'api/servers/a%20b%2Fc');
    assert.equal(calls[1].init.body, undefined);
    assert.equal(calls[1].init.headers[CSRF_HEADER], 't1');
  });

  test('safe requests carry no CSRF header', async () => {
    const { fetchImpl, calls } = fakeFetch(json(200, { servers: [] }));
    await createApi({ fetchImpl }).listServers();
    assert.equal(calls[0].init.headers[CSRF_HEADER], undefined);
  });
});

describe('csrf_failed', () => {
  test('refetches the session once and retries with the new token', async () => {
    const seen = [];
    const { fetchImpl, calls } = fakeFetch(
      session('old'), problem(403, 'csrf_failed', 'stale token'), session('new', { renewed: true }), json(200, { ok: 1 }));
    const api = createApi({ fetchImpl, onSession: (info) => seen.push(info) });
    assert.deepEqual(await api.ping('s'), { ok: 1 });
    assert.equal(calls[1].init.headers[CSRF_HEADER], 'old');
    assert.equal(calls[3].init.headers[CSRF_HEADER], 'new');
    assert.deepEqual(seen.map((s) => s.renewed), [false, true]);
  });

  test('gives up after one retry with the server detail', async () => {
    const { fetchImpl } = fakeFetch(
      session('a'), problem(403, 'csrf_failed', 'first'), session('b'), problem(403, 'csrf_failed', 'second'));
    const api = createApi({ fetchImpl });
    await assert.rejects(api.ping('s'), (e) => e instanceof ApiError && e.code === 'csrf_failed' && e.detail === 'second');
  });
});

describe('errors', () => {
  test('problem detail and code are kept', async () => {
    const { fetchImpl } = fakeFetch(session('t'), problem(409, 'server_exists', 'A server with id "demo" already exists'));
    await assert.rejects(createApi({ fetchImpl }).addServer({}),
      { name: 'ApiError', status: 409, code: 'server_exists', detail: 'A server with id "demo" already exists' });
  });

  test('an HTML error page is never shown', async () => {
    const html = new Response('<html><body><h1>HTTP Status 500</h1><pre>java.lang.NullPointerException\n\tat Foo</pre></body></html>',
      { status: 500, headers: { 'Content-Type': 'text/html' } });
    const { fetchImpl } = fakeFetch(html);
    await assert.rejects(createApi({ fetchImpl }).listServers(), (e) => {
      assert.equal(e.code, 'http_500');
      assert.equal(e.detail, 'The server answered HTTP 500 Internal Server Error without a problem description.');
      return true;
    });
  });

  test('a network failure becomes a readable error', async () => {
    const api = createApi({ fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    await assert.rejects(api.listServers(), { code: 'network_error', detail: /Could not reach the inspector server \(Failed to fetch\)/ });
  });

  test('401 is reported to the unauthenticated hook, but not for login', async () => {
    const hooked = [];
    const { fetchImpl } = fakeFetch(problem(401, 'unauthenticated', 'log in first'), session('t'), problem(401, 'unauthenticated', 'bad key'));
    const api = createApi({ fetchImpl, onUnauthenticated: (e) => hooked.push(e.detail) });
    await assert.rejects(api.listServers(), { code: 'unauthenticated' });
    await assert.rejects(api.login('nope'), { detail: 'bad key' });
    assert.deepEqual(hooked, ['log in first']);
  });
});

test('stream URLs are relative and drop empty parameters', () => {
  const api = createApi({ fetchImpl: async () => { throw new Error('no'); } });
  assert.equal(api.streamUrl('rpc'), 'api/rpc/stream');
  assert.equal(api.streamUrl('rpc', { serverId: 'my server', replay: '' }), 'api/rpc/stream?serverId=my+server');
});
