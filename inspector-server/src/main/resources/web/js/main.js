// Entry point: wires the API client, the panels and the three event streams together.
import { createApi } from './lib/api.js';
import { byId, show } from './ui/dom.js';
import { createMessages } from './ui/messages.js';
import { createStream } from './ui/streams.js';
import { createRpcLog } from './ui/rpc-log.js';
import { createProgressView } from './ui/progress.js';
import { createElicitationView } from './ui/elicitation.js';
import { createServersView } from './ui/servers.js';
import { createWorkspace } from './ui/workspace.js';
import { hideRenewedNotice, renderSessionInfo, showRenewedNotice } from './ui/session.js';

const STATE_TEXT = {
  connecting: 'connecting', live: 'live', reconnecting: 'reconnecting', closed: 'disconnected', off: 'off',
};

function start() {
  const messages = createMessages(byId('message-area'));
  let session = null;
  let appActive = false;
  let lastCheck = 0;

  function checkSession() {
    // Streams and calls that fail with 401 all land here; one check per few seconds is enough.
    const now = Date.now();
    if (now - lastCheck < 3000) return;
    lastCheck = now;
    api.session().catch((error) => messages.error(error, 'Check session'));
  }

  const api = createApi({ onSession: (info) => applySession(info), onUnauthenticated: () => checkSession() });

  const progress = createProgressView(byId('progress-list'), byId('progress-empty'));
  const workspace = createWorkspace({ api, messages, progress });
  const elicitation = createElicitationView({ api, messages });

  function stateHandler(name) {
    const node = byId(`stream-${name}`);
    return (state) => {
      node.dataset.state = state;
      node.querySelector('.stream-state').textContent = STATE_TEXT[state] ?? state;
    };
  }

  const rpcStream = createStream({
    events: { rpc: (data) => rpcLog.onRpc(data), gap: (data) => rpcLog.onGap(data) },
    onState: stateHandler('rpc'),
    onFatal: checkSession,
  });
  const progressStream = createStream({
    events: { progress: (data) => progress.onProgress(data) },
    onState: stateHandler('progress'),
    onFatal: checkSession,
  });
  const elicitationStream = createStream({
    events: {
      elicitation_request: (data) => elicitation.onRequest(data),
      elicitation_complete: (data) => elicitation.onComplete(data),
    },
    onState: stateHandler('elicitation'),
    onFatal: checkSession,
  });
  const rpcLog = createRpcLog({
    log: byId('rpc-log'),
    filter: byId('rpc-filter'),
    pause: byId('rpc-pause'),
    clearButton: byId('rpc-clear'),
    status: byId('rpc-status'),
    onFilterChange: (serverId) => {
      if (appActive) rpcStream.open(api.streamUrl('rpc', { serverId }));
    },
  });
  const servers = createServersView({
    api,
    messages,
    onSelect: (server) => workspace.select(server),
    onList: (list) => rpcLog.setServers(list.map((s) => String(s.id))),
  });

  function enterApp() {
    appActive = true;
    rpcLog.reset();
    progress.clear();
    elicitation.clear();
    rpcStream.open(api.streamUrl('rpc', { serverId: rpcLog.serverFilter }));
    progressStream.open(api.streamUrl('progress'));
    elicitationStream.open(api.streamUrl('elicitation'));
    servers.refresh();
  }

  function leaveApp() {
    appActive = false;
    for (const stream of [rpcStream, progressStream, elicitationStream]) stream.close();
    servers.clear();
    workspace.clear();
    rpcLog.reset();
    progress.clear();
    elicitation.clear();
  }

  function applySession(info) {
    session = info;
    renderSessionInfo(info);
    servers.setMode(info.mode);
    if (info.renewed === true) showRenewedNotice(info);
    const usable = info.mode !== 'hosted' || info.authenticated === true;
    show(byId('login-section'), !usable);
    show(byId('app'), usable);
    const logout = byId('logout');
    show(logout, usable);
    logout.textContent = info.mode === 'hosted' ? 'Log out' : 'End session';
    document.body.dataset.state = usable ? 'ready' : 'login';
    if (usable && (!appActive || info.renewed === true)) {
      // A renewed session is a different scope: its streams and lists start from nothing.
      enterApp();
    } else if (!usable) {
      if (appActive) leaveApp();
      byId('access-key').focus();
    }
  }

  byId('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId('access-key');
    const error = byId('login-error');
    const key = input.value;
    if (key.trim() === '') {
      error.textContent = 'Enter your access key.';
      show(error, true);
      input.focus();
      return;
    }
    show(error, false);
    const button = byId('login-submit');
    button.disabled = true;
    try {
      await api.login(key);
      input.value = '';
      hideRenewedNotice();
      const info = await api.session();
      if (info.authenticated) messages.success('Logged in.');
    } catch (failure) {
      messages.error(failure, 'Log in');
      error.textContent = failure.detail ?? 'Login failed.';
      show(error, true);
      input.select();
    } finally {
      button.disabled = false;
    }
  });

  byId('logout').addEventListener('click', async () => {
    try {
      await api.logout();
    } catch (failure) {
      // An already ended session cannot be logged out of: carry on to a fresh state.
      if (failure.status !== 401) {
        messages.error(failure, 'Log out');
        return;
      }
    }
    leaveApp();
    api.forgetToken();
    hideRenewedNotice();
    try {
      await api.session();
      messages.info(session?.mode === 'hosted' ? 'Logged out.' : 'Session ended; a new one was started.');
    } catch (failure) {
      messages.error(failure, 'Load session');
    }
  });

  byId('dismiss-renewed').addEventListener('click', hideRenewedNotice);
  window.addEventListener('pagehide', () => {
    for (const stream of [rpcStream, progressStream, elicitationStream]) stream.close();
  });
  window.addEventListener('pageshow', (event) => {
    // Back from the back/forward cache: the streams were closed on the way out.
    if (event.persisted && appActive) enterApp();
  });
  setInterval(() => session && renderSessionInfo(session), 30_000);

  renderSessionInfo(null);
  api.session().catch((failure) => {
    messages.error(failure, 'Load session');
    document.body.dataset.state = 'error';
  });
}

start();
