// The servers panel: connected servers with status, suggestions, the add form, removal.
import { buildServerSpec } from '../lib/format.js';
import { byId, el, show, token } from './dom.js';

const TRANSIENT_STATUSES = new Set(['connecting', 'initializing', 'pending', 'starting', 'reconnecting', 'new']);
const MAX_STATUS_POLLS = 30;

function describeServerInfo(info) {
  if (!info || typeof info !== 'object') return '';
  const name = typeof info.name === 'string' ? info.name : '';
  const version = typeof info.version === 'string' ? info.version : '';
  return [name, version].filter(Boolean).join(' ');
}

function capabilityNames(capabilities) {
  return capabilities && typeof capabilities === 'object' && !Array.isArray(capabilities)
    ? Object.keys(capabilities).sort() : [];
}

/**
 * @param {object} options
 * @param {ReturnType<import('../lib/api.js').createApi>} options.api
 * @param {ReturnType<import('./messages.js').createMessages>} options.messages
 * @param {(server: object|null) => void} options.onSelect a server was chosen (null: none)
 * @param {(servers: object[]) => void} options.onList the list was (re)loaded
 */
export function createServersView({ api, messages, onSelect, onList }) {
  const list = byId('server-list');
  const empty = byId('server-list-empty');
  const suggestedBox = byId('suggested-servers');
  const suggestedList = byId('suggested-list');
  const form = byId('add-server-form');
  const transport = byId('server-transport');
  const stdioOption = transport.querySelector('option[value="stdio"]');
  const formError = byId('add-server-error');

  let mode = 'local';
  let servers = [];
  let selectedId = null;
  let pollTimer = null;
  let polls = 0;
  let loading = null;

  function syncTransportFields() {
    const stdio = transport.value === 'stdio';
    show(byId('http-fields'), !stdio);
    show(byId('stdio-fields'), stdio);
    byId('server-url').required = !stdio;
    byId('server-command').required = stdio;
  }

  function fill(suggestion) {
    byId('server-id').value = String(suggestion.id ?? '');
    transport.value = ['streamable-http', 'sse', 'stdio'].includes(suggestion.transport) ? suggestion.transport : 'streamable-http';
    byId('server-url').value = String(suggestion.url ?? '');
    syncTransportFields();
  }

  async function add(spec, context) {
    try {
      await api.addServer(spec);
      messages.success(`Connected server ${spec.id}.`);
      selectedId = spec.id;
      await refresh();
      return true;
    } catch (error) {
      messages.error(error, context);
      await refresh({ quiet: true });
      return false;
    }
  }

  async function remove(id) {
    try {
      await api.removeServer(id);
      messages.info(`Removed server ${id}.`);
      if (selectedId === id) selectedId = null;
    } catch (error) {
      messages.error(error, `Remove server ${id}`);
    }
    await refresh({ quiet: true });
  }

  function select(id) {
    selectedId = id;
    for (const item of list.children) {
      const chosen = item.dataset.serverId === id;
      item.classList.toggle('selected', chosen);
      item.querySelector('.server-select')?.setAttribute('aria-pressed', String(chosen));
    }
    onSelect(servers.find((s) => s.id === id) ?? null);
  }

  function renderServers() {
    list.replaceChildren(...servers.map((server) => {
      const id = String(server.id);
      const status = String(server.status ?? 'unknown');
      const info = describeServerInfo(server.serverInfo);
      const caps = capabilityNames(server.capabilities);
      return el('li', { className: 'server', dataset: { serverId: id, status: token(status) } },
        el('button', {
          className: 'server-select',
          attrs: { type: 'button', 'aria-pressed': String(id === selectedId), 'data-testid': `select-server-${id}` },
          on: { click: () => select(id) },
        },
        el('span', { className: 'server-name', text: id }),
        el('span', { className: `badge status-${token(status)}`, text: status, attrs: { 'data-testid': `server-status-${id}` } })),
        el('button', {
          className: 'danger small', text: 'Remove',
          attrs: { type: 'button', 'data-testid': `remove-server-${id}`, 'aria-label': `Remove server ${id}` },
          on: { click: () => remove(id) },
        }),
        el('div', { className: 'server-meta' },
          el('span', { text: server.transport ?? '' }),
          server.url ? el('span', { className: 'server-url', text: server.url }) : null,
          info ? el('span', { text: info }) : null,
          server.protocolVersion ? el('span', { text: `protocol ${server.protocolVersion}` }) : null,
          caps.length ? el('span', { text: `capabilities: ${caps.join(', ')}` }) : null),
        server.error ? el('p', { className: 'server-error', text: String(server.error), attrs: { role: 'note' } }) : null);
    }));
    show(empty, servers.length === 0);
  }

  function renderSuggested(suggested) {
    const usable = suggested.filter((s) => s && typeof s.id === 'string' && !(mode === 'hosted' && s.transport === 'stdio'));
    suggestedList.replaceChildren(...usable.map((s) => {
      const connected = servers.some((server) => server.id === s.id);
      return el('li', { className: 'suggestion', dataset: { suggestionId: s.id } },
        el('div', {},
          el('strong', { text: s.id }),
          s.description ? el('span', { className: 'hint', text: ` ${s.description}` }) : null,
          el('div', { className: 'server-meta' }, el('span', { text: s.transport ?? '' }), el('span', { className: 'server-url', text: s.url ?? '' }))),
        el('div', { className: 'actions' },
          el('button', {
            className: 'primary small', text: connected ? 'Connected' : 'Connect',
            attrs: { type: 'button', disabled: connected, 'data-testid': `connect-suggested-${s.id}`, 'aria-label': `Connect suggested server ${s.id}` },
            on: { click: (event) => { event.currentTarget.disabled = true; add({ id: s.id, url: s.url, transport: s.transport, headers: {} }, `Connect ${s.id}`); } },
          }),
          el('button', {
            className: 'small', text: 'Edit in form',
            attrs: { type: 'button', 'data-testid': `fill-suggested-${s.id}` },
            on: { click: () => { fill(s); byId('server-id').focus(); } },
          })));
    }));
    show(suggestedBox, usable.length > 0);
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    pollTimer = null;
    const busy = servers.some((s) => TRANSIENT_STATUSES.has(token(s.status)));
    if (busy && polls < MAX_STATUS_POLLS) {
      polls += 1;
      pollTimer = setTimeout(() => refresh({ quiet: true, poll: true }), 1000);
    }
  }

  async function load({ quiet = false, poll = false } = {}) {
    if (!poll) polls = 0;
    try {
      const body = await api.listServers();
      servers = Array.isArray(body?.servers) ? body.servers.filter((s) => s && s.id !== undefined) : [];
      renderServers();
      renderSuggested(Array.isArray(body?.suggested) ? body.suggested : []);
      onList(servers);
      if (selectedId !== null && !servers.some((s) => s.id === selectedId)) selectedId = null;
      if (selectedId === null && servers.length > 0) selectedId = servers[0].id;
      select(selectedId);
      schedulePoll();
    } catch (error) {
      if (!quiet || error.status !== 401) messages.error(error, 'Load servers');
    }
  }

  let queued = null;
  function refresh(options) {
    // A refresh asked for while one runs waits for it and then runs once more (for all
    // callers), so a list fetched before an add is never the last word.
    if (!loading) {
      loading = load(options).finally(() => { loading = null; });
      return loading;
    }
    if (!queued) queued = loading.then(() => { queued = null; return refresh(options); });
    return queued;
  }

  transport.addEventListener('change', syncTransportFields);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(['id', 'transport', 'url', 'headers', 'command', 'args']
      .map((name) => [name, form.elements.namedItem(name)?.value ?? '']));
    const result = buildServerSpec(values, mode);
    formError.textContent = result.ok ? '' : result.message;
    show(formError, !result.ok);
    if (!result.ok) return;
    const submit = byId('add-server');
    submit.disabled = true;
    try {
      if (await add(result.spec, `Add server ${result.spec.id}`)) {
        form.reset();
        syncTransportFields();
      }
    } finally {
      submit.disabled = false;
    }
  });
  byId('refresh-servers').addEventListener('click', () => refresh());
  syncTransportFields();

  return {
    refresh,
    setMode(newMode) {
      mode = newMode;
      // Hosted mode refuses stdio on the server; the page does not offer it at all.
      stdioOption.hidden = mode === 'hosted';
      stdioOption.disabled = mode === 'hosted';
      if (mode === 'hosted' && transport.value === 'stdio') transport.value = 'streamable-http';
      syncTransportFields();
    },
    clear() {
      clearTimeout(pollTimer);
      servers = [];
      selectedId = null;
      list.replaceChildren();
      suggestedList.replaceChildren();
      show(suggestedBox, false);
      show(empty, true);
    },
  };
}
