// A stand-in for the Java backend, for working on the page without building it and for the
// browser smoke test: serves the page with the production Content-Security-Policy and fakes
// the /api routes of the design (sessions, CSRF, servers, a demo server with echo,
// slow_count and ask_user, the RPC log, progress and elicitation streams).
//
//   node inspector-server/src/test/js/dev-server.mjs [port] [local|hosted]
//
// It is a fake: nothing here talks MCP. In hosted mode the access key "alice-key" logs in as alice.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = fileURLToPath(new URL('../../main/resources/web/', import.meta.url));
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const ACCESS_KEYS = { 'alice-key': 'alice', 'bob-key': 'bob' };
const TOOLS = [
  { name: 'echo', description: 'Echoes the message back.', inputSchema: { type: 'object', properties: { message: { type: 'string', description: 'what to echo' } }, required: ['message'] } },
  { name: 'slow_count', description: 'Counts slowly, reporting progress.', inputSchema: { type: 'object', properties: { count: { type: 'integer', minimum: 1, default: 5 }, delayMs: { type: 'integer' } } } },
  { name: 'ask_user', description: 'Asks the user a question through elicitation.', inputSchema: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] } },
];

export function startDevServer({ port = 0, mode = 'local' } = {}) {
  const sessions = new Map(); // sid -> session
  const scopes = new Map(); // scope key -> event plane
  let nextSeq = 1;

  function problem(res, status, code, detail) {
    const body = JSON.stringify({ type: 'about:blank', title: code, status, detail, code });
    res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
    res.end(body);
  }
  function json(res, status, body, extra = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra });
    res.end(JSON.stringify(body));
  }
  function newSession(principal = null) {
    const sid = randomBytes(16).toString('hex');
    const now = Date.now();
    const session = { sid, csrf: randomBytes(12).toString('hex'), principal, createdAt: now };
    sessions.set(sid, session);
    return session;
  }
  function scopeOf(session) {
    const key = mode === 'local' ? 'local' : session.sid;
    if (!scopes.has(key)) scopes.set(key, { servers: new Map(), events: [], rpcSubs: new Set(), progressSubs: new Set(), elicitSubs: new Set(), pending: new Map() });
    return scopes.get(key);
  }
  function sse(res, subs, replay) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write(': open\n\n');
    const send = (event, data, id) => res.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    replay(send);
    subs.add(send);
    res.on('close', () => subs.delete(send));
  }
  function publish(scope, serverId, direction, message) {
    const event = { seq: nextSeq++, serverId, direction, timestamp: new Date().toISOString(), message: JSON.stringify(message) };
    scope.events.push(event);
    if (scope.events.length > 1000) scope.events.shift();
    for (const send of scope.rpcSubs) send('rpc', event, event.seq);
  }
  function rpc(scope, serverId, id, method, params, result) {
    publish(scope, serverId, 'SEND', { jsonrpc: '2.0', id, method, params });
    return () => publish(scope, serverId, 'RECEIVE', { jsonrpc: '2.0', id, result: result() });
  }
  const body = (req) => new Promise((resolve) => {
    let text = '';
    req.on('data', (c) => { text += c; });
    req.on('end', () => { try { resolve(text ? JSON.parse(text) : {}); } catch { resolve(undefined); } });
  });

  async function api(req, res, url) {
    const cookie = /(?:^|;\s*)sid=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
    let session = cookie ? sessions.get(cookie) : undefined;
    const renewed = Boolean(cookie) && !session;
    const setCookie = [];
    if (!session) {
      session = newSession();
      setCookie.push(`sid=${session.sid}; Path=/; HttpOnly; SameSite=Lax`);
    }
    if (process.env.DEV_SERVER_DEBUG) console.error(`${req.method} ${url.pathname} cookie=${cookie ?? '-'} renewed=${renewed}`);
    const extra = setCookie.length ? { 'Set-Cookie': setCookie } : {};
    const path = url.pathname.slice('/api/'.length);
    const unsafe = !['GET', 'HEAD'].includes(req.method);
    if (unsafe && req.headers['x-inspector-csrf'] !== session.csrf) return problem(res, 403, 'csrf_failed', 'The request has no valid X-Inspector-CSRF token; fetch GET /api/session and retry.');
    if (unsafe && !/^application\/json/.test(req.headers['content-type'] ?? '')) return problem(res, 415, 'bad_request', 'Content-Type must be application/json');
    if (path === 'session' && req.method === 'GET') {
      const now = Date.now();
      return json(res, 200, {
        authenticated: mode === 'local' || session.principal !== null,
        principal: session.principal ? { issuer: 'access-key', subject: session.principal, displayName: session.principal, roles: [] } : null,
        csrfToken: session.csrf, mode, createdAt: new Date(session.createdAt).toISOString(),
        idleExpiresAt: new Date(now + 30 * 60_000).toISOString(), absoluteExpiresAt: new Date(session.createdAt + 12 * 3600_000).toISOString(), renewed,
      }, extra);
    }
    if (path === 'login' && req.method === 'POST') {
      const { accessKey } = (await body(req)) ?? {};
      const name = ACCESS_KEYS[accessKey];
      if (!name) return problem(res, 401, 'unauthenticated', 'The access key is not valid.');
      sessions.delete(session.sid);
      const fresh = newSession(name);
      return json(res, 200, { authenticated: true }, { 'Set-Cookie': `sid=${fresh.sid}; Path=/; HttpOnly; SameSite=Lax` });
    }
    if (path === 'logout' && req.method === 'POST') {
      sessions.delete(session.sid);
      res.writeHead(204, { 'Set-Cookie': 'sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0' });
      return res.end();
    }
    if (mode === 'hosted' && session.principal === null) return problem(res, 401, 'unauthenticated', 'Log in first.');
    const scope = scopeOf(session);
    if (path === 'rpc/stream') {
      const after = Number(req.headers['last-event-id'] ?? 0);
      const filter = url.searchParams.get('serverId');
      const subs = scope.rpcSubs;
      let filtered = null;
      const view = {
        add: (send) => { filtered = (e, d, id) => (!filter || d.serverId === filter) && send(e, d, id); subs.add(filtered); },
        delete: () => subs.delete(filtered),
      };
      return sse(res, view,
        (send) => scope.events.filter((e) => e.seq > after && (!filter || e.serverId === filter)).forEach((e) => send('rpc', e, e.seq)));
    }
    if (path === 'progress/stream') return sse(res, scope.progressSubs, () => {});
    if (path === 'elicitation/stream') return sse(res, scope.elicitSubs, (send) => [...scope.pending.values()].forEach((p) => send('elicitation_request', p.request)));
    if (path === 'servers' && req.method === 'GET') {
      return json(res, 200, {
        servers: [...scope.servers.values()],
        suggested: [{ id: 'demo', url: `http://localhost:${server.address().port}/demo/mcp`, transport: 'streamable-http', description: 'The built-in demo server (echo, slow_count, ask_user).' }],
      }, extra);
    }
    if (path === 'servers' && req.method === 'POST') {
      const spec = await body(req);
      if (!spec || typeof spec.id !== 'string' || !spec.id) return problem(res, 400, 'bad_request', 'id is required');
      if (mode === 'hosted' && spec.transport === 'stdio') return problem(res, 403, 'transport_forbidden', 'stdio is not allowed in hosted mode');
      if (scope.servers.has(spec.id)) return problem(res, 409, 'server_exists', `A server with id "${spec.id}" already exists.`);
      const entry = { id: spec.id, url: spec.url ?? null, transport: spec.transport, status: 'connected', error: null, serverInfo: { name: 'demo', version: '1.0' }, protocolVersion: '2025-06-18', capabilities: { tools: {}, resources: {}, prompts: {} } };
      scope.servers.set(spec.id, entry);
      rpc(scope, spec.id, 0, 'initialize', { protocolVersion: '2025-06-18' }, () => ({ serverInfo: entry.serverInfo }))();
      return json(res, 201, entry);
    }
    const m = /^servers\/([^/]+)(\/.*)?$/.exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]);
      const entry = scope.servers.get(id);
      if (!entry) return problem(res, 404, 'server_not_found', `No server with id "${id}".`);
      const sub = m[2] ?? '';
      if (sub === '' && req.method === 'DELETE') { scope.servers.delete(id); res.writeHead(204); return res.end(); }
      entry.nextId = (entry.nextId ?? 0) + 1;
      const rid = entry.nextId;
      if (sub === '/tools') { rpc(scope, id, rid, 'tools/list', {}, () => ({ tools: TOOLS }))(); return json(res, 200, { tools: TOOLS }); }
      if (sub === '/resources') return json(res, 200, { resources: [{ uri: 'demo://readme', name: 'README', mimeType: 'text/plain' }] });
      if (sub === '/resources/read') { const { uri } = await body(req); return json(res, 200, { result: { contents: [{ uri, mimeType: 'text/plain', text: 'Hello from the demo resource.' }] } }); }
      if (sub === '/prompts') return json(res, 200, { prompts: [{ name: 'greet', description: 'A greeting', arguments: [{ name: 'name', required: true }] }] });
      if (sub === '/prompts/get') { const b = await body(req); return json(res, 200, { result: { messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${b.arguments?.name}!` } }] } }); }
      if (sub === '/ping') { rpc(scope, id, rid, 'ping', {}, () => ({}))(); return json(res, 200, {}); }
      if (sub === '/tools/call') {
        const b = await body(req);
        if (!b || typeof b.name !== 'string') return problem(res, 400, 'bad_request', 'name is required');
        const token = `pt-${rid}`;
        const done = rpc(scope, id, rid, 'tools/call', { name: b.name, arguments: b.arguments, _meta: { progressToken: token } }, () => ({}));
        if (b.name === 'echo') { done(); return json(res, 200, { result: { content: [{ type: 'text', text: String(b.arguments?.message) }], isError: false }, progressToken: token }); }
        if (b.name === 'slow_count') {
          const count = Number(b.arguments?.count ?? 5);
          const delay = Number(b.arguments?.delayMs ?? 400);
          for (let i = 1; i <= count; i += 1) {
            await new Promise((r) => setTimeout(r, delay));
            const report = { serverId: id, progressToken: token, progress: i, total: count, message: `counted ${i}`, timestamp: new Date().toISOString() };
            publish(scope, id, 'RECEIVE', { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token, progress: i, total: count } });
            for (const send of scope.progressSubs) send('progress', report);
          }
          done();
          return json(res, 200, { result: { content: [{ type: 'text', text: `counted to ${count}` }] }, progressToken: token });
        }
        if (b.name === 'ask_user') {
          const requestId = randomBytes(8).toString('hex');
          const request = {
            requestId, serverId: id, message: String(b.arguments?.question ?? 'Who are you?'), timestamp: new Date().toISOString(), expiresAt: new Date(Date.now() + 600_000).toISOString(),
            requestedSchema: { type: 'object', properties: { name: { type: 'string', title: 'Name', minLength: 1 }, age: { type: 'integer', minimum: 0 }, color: { type: 'string', enum: ['red', 'green'], enumNames: ['Red', 'Green'] }, subscribe: { type: 'boolean', title: 'Subscribe' } }, required: ['name'] },
          };
          publish(scope, id, 'RECEIVE', { jsonrpc: '2.0', id: `s-${rid}`, method: 'elicitation/create', params: { message: request.message, requestedSchema: request.requestedSchema } });
          const answer = await new Promise((resolve) => {
            scope.pending.set(requestId, { request, resolve });
            for (const send of scope.elicitSubs) send('elicitation_request', request);
          });
          publish(scope, id, 'SEND', { jsonrpc: '2.0', id: `s-${rid}`, result: answer });
          done();
          return json(res, 200, { result: { content: [{ type: 'text', text: `answer: ${JSON.stringify(answer)}` }], isError: answer.action !== 'accept' }, progressToken: token });
        }
        done();
        return json(res, 200, { result: { content: [{ type: 'text', text: `unknown tool ${b.name}` }], isError: true }, progressToken: token });
      }
    }
    const em = /^elicitation\/([^/]+)$/.exec(path);
    if (em && req.method === 'POST') {
      const pending = scope.pending.get(decodeURIComponent(em[1]));
      if (!pending) return problem(res, 404, 'elicitation_not_found', 'No such pending elicitation request.');
      const answer = await body(req);
      scope.pending.delete(pending.request.requestId);
      pending.resolve(answer);
      for (const send of scope.elicitSubs) send('elicitation_complete', { requestId: pending.request.requestId, action: answer.action });
      return json(res, 200, { status: 'answered' });
    }
    return problem(res, 404, 'not_found', `No route ${req.method} /api/${path}`);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    const file = normalize(join(WEB_ROOT, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(WEB_ROOT)) { res.writeHead(404); return res.end(); }
    try {
      const content = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' });
      res.end(content);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startDevServer({ port: Number(process.argv[2] ?? 8090), mode: process.argv[3] ?? 'local' });
  console.log(`page at http://localhost:${server.address().port}/`);
}
