// The HTTP client for the inspector API. Pure apart from the injected fetch: testable in node.
import { ApiError, networkProblem, problemFromBody } from './problem.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'X-Inspector-CSRF';

/**
 * Creates an API client. The session cookie is handled by the browser alone (same-origin
 * credentials); the client only keeps the CSRF token that GET session returns.
 *
 * @param {object} options
 * @param {typeof fetch} [options.fetchImpl] the fetch to use (injected in tests)
 * @param {string} [options.base] the API prefix, relative to the page so the app also works
 *     under a context path (a WAR deployed at /inspector/ calls /inspector/api/...)
 * @param {(info: object) => void} [options.onSession] called with every session info fetched,
 *     including the refresh behind a CSRF retry (so a `renewed` session is never missed)
 * @param {(error: ApiError) => void} [options.onUnauthenticated] called when an API call
 *     (other than login) answers 401
 */
export function createApi({
  fetchImpl = (...args) => globalThis.fetch(...args),
  base = 'api/',
  onSession = () => {},
  onUnauthenticated = () => {},
} = {}) {
  let csrfToken = null;

  async function send(method, path, body) {
    const headers = { Accept: 'application/json' };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (UNSAFE_METHODS.has(method)) {
      headers['Content-Type'] = 'application/json';
      headers[CSRF_HEADER] = csrfToken ?? '';
      if (method !== 'DELETE' || body !== undefined) {
        init.body = JSON.stringify(body ?? {});
      }
    }
    let response;
    try {
      response = await fetchImpl(base + path, init);
    } catch (cause) {
      throw networkProblem(cause);
    }
    const contentType = response.headers.get('Content-Type');
    const text = response.status === 204 ? '' : await response.text().catch(() => '');
    if (!response.ok) {
      throw problemFromBody(response.status, contentType, text);
    }
    if (!text) return null;
    if (!/json/i.test(contentType ?? '')) {
      throw new ApiError({
        status: response.status,
        code: 'unexpected_response',
        detail: `The server answered ${method} ${path} with ${contentType || 'no content type'} instead of JSON.`,
      });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError({
        status: response.status,
        code: 'unexpected_response',
        detail: `The server answered ${method} ${path} with malformed JSON.`,
      });
    }
  }

  async function loadSession() {
    const info = await send('GET', 'session');
    if (!info || typeof info.csrfToken !== 'string') {
      throw new ApiError({ status: 200, code: 'unexpected_response', detail: 'The session answer has no CSRF token.' });
    }
    csrfToken = info.csrfToken;
    onSession(info);
    return info;
  }

  async function request(method, path, body, { notifyUnauthenticated = true } = {}) {
    if (UNSAFE_METHODS.has(method) && csrfToken === null) {
      await loadSession();
    }
    try {
      return await send(method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && error.code === 'csrf_failed') {
        // The token belongs to an older session (expired, renewed at login): fetch the
        // current one and retry exactly once.
        await loadSession();
        try {
          return await send(method, path, body);
        } catch (retryError) {
          if (notifyUnauthenticated && retryError instanceof ApiError && retryError.status === 401) {
            onUnauthenticated(retryError);
          }
          throw retryError;
        }
      }
      if (notifyUnauthenticated && error instanceof ApiError && error.status === 401) {
        onUnauthenticated(error);
      }
      throw error;
    }
  }

  const serverPath = (id, suffix = '') => `servers/${encodeURIComponent(id)}${suffix}`;

  return {
    /** @returns {string|null} the CSRF token currently held */
    csrfToken: () => csrfToken,
    /** Forgets the CSRF token (after logout); the next unsafe call fetches a fresh one. */
    forgetToken: () => { csrfToken = null; },
    session: loadSession,
    login: (accessKey) => request('POST', 'login', { accessKey }, { notifyUnauthenticated: false }),
    logout: () => request('POST', 'logout', {}, { notifyUnauthenticated: false }),
    listServers: () => request('GET', 'servers'),
    addServer: (spec) => request('POST', 'servers', spec),
    removeServer: (id) => request('DELETE', serverPath(id)),
    listTools: (id) => request('GET', serverPath(id, '/tools')),
    callTool: (id, name, args) => request('POST', serverPath(id, '/tools/call'), { name, arguments: args }),
    listResources: (id) => request('GET', serverPath(id, '/resources')),
    readResource: (id, uri) => request('POST', serverPath(id, '/resources/read'), { uri }),
    listPrompts: (id) => request('GET', serverPath(id, '/prompts')),
    getPrompt: (id, name, args) => request('POST', serverPath(id, '/prompts/get'), { name, arguments: args }),
    ping: (id) => request('POST', serverPath(id, '/ping'), {}),
    answerElicitation: (requestId, answer) =>
      request('POST', `elicitation/${encodeURIComponent(requestId)}`, answer),
    rpcLogs: (serverId, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (serverId) query.set('serverId', serverId);
      return request('GET', `rpc/logs?${query}`);
    },
    /** Stream URLs, relative to the page like every other call. */
    streamUrl: (name, params = {}) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
      }
      const suffix = query.toString();
      return `${base}${name}/stream${suffix ? `?${suffix}` : ''}`;
    },
  };
}
