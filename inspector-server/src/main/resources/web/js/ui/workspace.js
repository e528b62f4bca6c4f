// The selected server's workspace: tools (with calls and results), resources, prompts, ping.
import { argumentSkeleton, describeParameters, parseArguments } from '../lib/schema.js';
import { formatLatency, prettyJson } from '../lib/format.js';
import { append, byId, el, show } from './dom.js';

const TRANSIENT_STATUSES = new Set(['connecting', 'initializing', 'pending', 'starting', 'reconnecting', 'new']);

/** False only when the server announced capabilities and this one is not among them. */
function offers(capabilities, name) {
  if (!capabilities || typeof capabilities !== 'object') return true;
  return Object.prototype.hasOwnProperty.call(capabilities, name);
}

function failureText(what, error) {
  return `${what} could not be loaded: ${error.detail ?? error.message}${error.code ? ` [${error.code}]` : ''}`;
}

/** Replaces a node's children, skipping empty values (replaceChildren would print "null"). */
function fill(node, ...children) {
  node.replaceChildren();
  return append(node, ...children);
}

function listOf(body, key) {
  const direct = body?.[key];
  if (Array.isArray(direct)) return direct;
  const nested = body?.result?.[key];
  return Array.isArray(nested) ? nested : [];
}

/** Renders MCP content items: text as text, everything else as pretty JSON. */
function contentBlocks(items) {
  return items.map((item, index) => {
    const type = item && typeof item === 'object' ? String(item.type ?? 'unknown') : typeof item;
    const text = type === 'text' && typeof item.text === 'string' ? item.text : prettyJson(item);
    return el('div', { className: `content-item content-${type === 'text' ? 'text' : 'other'}`, dataset: { contentType: type, index } },
      el('div', { className: 'content-type', text: type }),
      el('pre', { text }));
  });
}

/**
 * @param {object} options
 * @param {ReturnType<import('../lib/api.js').createApi>} options.api
 * @param {ReturnType<import('./messages.js').createMessages>} options.messages
 * @param {ReturnType<import('./progress.js').createProgressView>} options.progress
 */
export function createWorkspace({ api, messages, progress }) {
  const panel = byId('workspace');
  const emptyNote = byId('workspace-empty');
  const serverName = byId('selected-server');
  const toolList = byId('tool-list');
  const toolDetail = byId('tool-detail');
  const toolArgs = byId('tool-args');
  const argsError = byId('tool-args-error');
  const callButton = byId('call-tool');
  const toolResult = byId('tool-result');
  const resourceList = byId('resource-list');
  const resourceResult = byId('resource-result');
  const promptList = byId('prompt-list');
  const promptForm = byId('prompt-form');
  const promptResult = byId('prompt-result');

  let server = null; // {id, status}
  let selectedTool = null;
  let selectedPrompt = null;
  let generation = 0; // answers for a previously selected server are ignored

  function setLoading(list, text) {
    list.replaceChildren(el('li', { className: 'hint', text }));
  }

  // ---- tools
  function selectTool(tool) {
    selectedTool = tool;
    for (const button of toolList.querySelectorAll('button[data-tool-name]')) {
      button.setAttribute('aria-pressed', String(button.dataset.toolName === tool.name));
    }
    byId('tool-name').textContent = tool.title ? `${tool.title} (${tool.name})` : tool.name;
    byId('tool-description').textContent = typeof tool.description === 'string' ? tool.description : '';
    const params = describeParameters(tool.inputSchema);
    const table = byId('tool-params');
    table.replaceChildren(...params.map((p) => el('tr', {},
      el('th', { attrs: { scope: 'row' } }, el('code', { text: p.name })),
      el('td', { text: p.type }),
      el('td', { text: p.required ? 'required' : 'optional' }),
      el('td', { text: p.description }))));
    show(byId('tool-params-box'), params.length > 0);
    toolArgs.value = JSON.stringify(argumentSkeleton(tool.inputSchema), null, 2);
    toolArgs.removeAttribute('aria-invalid');
    show(argsError, false);
    show(toolDetail, true);
  }

  async function loadTools(id, gen) {
    setLoading(toolList, 'Loading tools…');
    show(toolDetail, false);
    selectedTool = null;
    try {
      const tools = listOf(await api.listTools(id), 'tools').filter((t) => t && typeof t.name === 'string');
      if (gen !== generation) return;
      toolList.replaceChildren(...tools.map((tool) => el('li', {},
        el('button', {
          className: 'tool',
          attrs: { type: 'button', 'aria-pressed': 'false', 'data-testid': `tool-${tool.name}` },
          dataset: { toolName: tool.name },
          on: { click: () => selectTool(tool) },
        },
        el('span', { className: 'tool-name', text: tool.name }),
        typeof tool.description === 'string' ? el('span', { className: 'tool-description', text: tool.description }) : null))));
      if (tools.length === 0) setLoading(toolList, 'This server has no tools.');
    } catch (error) {
      if (gen !== generation) return;
      setLoading(toolList, failureText('Tools', error));
      messages.error(error, `List tools of ${id}`);
    }
  }

  function showToolResult(toolName, serverId, body, elapsedMs) {
    const result = body && typeof body === 'object' && 'result' in body ? body.result : body;
    const isError = Boolean(result && result.isError === true);
    toolResult.dataset.state = isError ? 'tool-error' : 'ok';
    fill(toolResult,
      el('h4', { text: `${toolName} on ${serverId}: ${isError ? 'the tool reported an error' : 'result'} (${formatLatency(elapsedMs)})` }),
      ...(Array.isArray(result?.content) ? contentBlocks(result.content) : [el('pre', { text: prettyJson(result) })]),
      result?.structuredContent !== undefined
        ? el('div', { className: 'content-item content-other', dataset: { contentType: 'structuredContent' } },
          el('div', { className: 'content-type', text: 'structured content' }), el('pre', { text: prettyJson(result.structuredContent) }))
        : null);
    toolResult.classList.toggle('is-error', isError);
  }

  async function callTool() {
    if (!server || !selectedTool) return;
    const parsed = parseArguments(toolArgs.value);
    if (!parsed.ok) {
      argsError.textContent = parsed.message;
      show(argsError, true);
      toolArgs.setAttribute('aria-invalid', 'true');
      toolArgs.focus();
      messages.error(parsed.message);
      return;
    }
    show(argsError, false);
    toolArgs.removeAttribute('aria-invalid');
    const serverId = server.id;
    const toolName = selectedTool.name;
    const rowId = progress.startCall(serverId, toolName);
    toolResult.dataset.state = 'running';
    toolResult.classList.remove('is-error');
    toolResult.replaceChildren(el('p', { className: 'hint', text: `Calling ${toolName} on ${serverId}…` }));
    const started = performance.now();
    let token;
    try {
      const body = await api.callTool(serverId, toolName, parsed.value);
      token = body?.progressToken;
      showToolResult(toolName, serverId, body, performance.now() - started);
    } catch (error) {
      toolResult.dataset.state = 'failed';
      toolResult.classList.add('is-error');
      fill(toolResult, el('h4', { text: `${toolName} on ${serverId}: the call failed` }),
        el('p', { text: error.detail ?? String(error.message) }), error.code ? el('code', { text: error.code }) : null);
      messages.error(error, `Call ${toolName} on ${serverId}`);
    } finally {
      progress.finishCall(rowId, serverId, token);
    }
  }

  // ---- resources
  async function loadResources(id, gen) {
    setLoading(resourceList, 'Loading resources…');
    resourceResult.replaceChildren();
    try {
      const resources = listOf(await api.listResources(id), 'resources').filter((r) => r && typeof r.uri === 'string');
      if (gen !== generation) return;
      resourceList.replaceChildren(...resources.map((r) => el('li', { className: 'item-row' },
        el('div', {},
          el('strong', { text: r.name ?? r.uri }),
          el('div', { className: 'server-meta' }, el('span', { text: r.uri }), r.mimeType ? el('span', { text: r.mimeType }) : null),
          r.description ? el('p', { className: 'hint', text: r.description }) : null),
        el('button', {
          className: 'small', text: 'Read', attrs: { type: 'button', 'data-testid': `read-resource-${r.uri}`, 'aria-label': `Read ${r.uri}` },
          on: { click: () => readResource(id, r.uri) },
        }))));
      if (resources.length === 0) setLoading(resourceList, 'This server has no resources.');
    } catch (error) {
      if (gen !== generation) return;
      setLoading(resourceList, failureText('Resources', error));
    }
  }

  async function readResource(id, uri) {
    try {
      const body = await api.readResource(id, uri);
      const result = body && typeof body === 'object' && 'result' in body ? body.result : body;
      const contents = Array.isArray(result?.contents) ? result.contents : null;
      fill(resourceResult, el('h4', { text: uri }),
        ...(contents ? contents.map((c) => el('div', { className: 'content-item' },
          el('div', { className: 'content-type', text: c?.mimeType ?? (typeof c?.text === 'string' ? 'text' : 'data') }),
          el('pre', { text: typeof c?.text === 'string' ? c.text : prettyJson(c) })))
          : [el('pre', { text: prettyJson(result) })]));
    } catch (error) {
      messages.error(error, `Read ${uri}`);
    }
  }

  // ---- prompts
  function selectPrompt(prompt) {
    selectedPrompt = prompt;
    for (const button of promptList.querySelectorAll('button[data-prompt-name]')) {
      button.setAttribute('aria-pressed', String(button.dataset.promptName === prompt.name));
    }
    const args = Array.isArray(prompt.arguments) ? prompt.arguments.filter((a) => a && typeof a.name === 'string') : [];
    byId('prompt-fields').replaceChildren(...args.map((a, i) => el('div', { className: 'field' },
      el('label', { attrs: { for: `prompt-arg-${i}` } }, a.name, a.required ? el('span', { className: 'required', text: ' *' }) : null),
      a.description ? el('p', { className: 'hint', text: a.description }) : null,
      el('input', { attrs: { id: `prompt-arg-${i}`, name: a.name, type: 'text', required: a.required === true, 'data-testid': `prompt-arg-${a.name}` } }))));
    byId('prompt-title').textContent = prompt.name;
    show(promptForm, true);
    promptResult.replaceChildren();
  }

  async function loadPrompts(id, gen) {
    setLoading(promptList, 'Loading prompts…');
    show(promptForm, false);
    promptResult.replaceChildren();
    try {
      const prompts = listOf(await api.listPrompts(id), 'prompts').filter((p) => p && typeof p.name === 'string');
      if (gen !== generation) return;
      promptList.replaceChildren(...prompts.map((p) => el('li', {},
        el('button', {
          className: 'tool', attrs: { type: 'button', 'aria-pressed': 'false', 'data-testid': `prompt-${p.name}` },
          dataset: { promptName: p.name }, on: { click: () => selectPrompt(p) },
        },
        el('span', { className: 'tool-name', text: p.name }),
        typeof p.description === 'string' ? el('span', { className: 'tool-description', text: p.description }) : null))));
      if (prompts.length === 0) setLoading(promptList, 'This server has no prompts.');
    } catch (error) {
      if (gen !== generation) return;
      setLoading(promptList, failureText('Prompts', error));
    }
  }

  async function getPrompt(event) {
    event.preventDefault();
    if (!server || !selectedPrompt) return;
    const args = {};
    const missing = [];
    for (const input of byId('prompt-fields').querySelectorAll('input')) {
      if (input.value !== '') args[input.name] = input.value;
      else if (input.required) missing.push(input.name);
    }
    if (missing.length > 0) {
      messages.error(`Prompt ${selectedPrompt.name} needs ${missing.join(', ')}. Nothing was sent.`);
      return;
    }
    try {
      const body = await api.getPrompt(server.id, selectedPrompt.name, args);
      const result = body && typeof body === 'object' && 'result' in body ? body.result : body;
      const list = Array.isArray(result?.messages) ? result.messages : null;
      fill(promptResult,
        result?.description ? el('p', { className: 'hint', text: result.description }) : null,
        ...(list ? list.map((m) => el('div', { className: 'prompt-message' },
          el('div', { className: 'content-type', text: String(m?.role ?? 'message') }),
          ...contentBlocks(Array.isArray(m?.content) ? m.content : [m?.content])))
          : [el('pre', { text: prettyJson(result) })]));
    } catch (error) {
      messages.error(error, `Get prompt ${selectedPrompt.name}`);
    }
  }

  // ---- ping
  async function ping() {
    if (!server) return;
    const id = server.id;
    const started = performance.now();
    try {
      await api.ping(id);
      const text = `${id} answered the ping in ${formatLatency(performance.now() - started)}.`;
      byId('ping-result').textContent = text;
      messages.success(text);
    } catch (error) {
      byId('ping-result').textContent = `Ping failed: ${error.detail ?? error.message}`;
      messages.error(error, `Ping ${id}`);
    }
  }

  callButton.addEventListener('click', callTool);
  byId('reset-args').addEventListener('click', () => selectedTool && selectTool(selectedTool));
  byId('refresh-tools').addEventListener('click', () => server && loadTools(server.id, generation));
  byId('refresh-resources').addEventListener('click', () => server && loadResources(server.id, generation));
  byId('refresh-prompts').addEventListener('click', () => server && loadPrompts(server.id, generation));
  byId('ping-server').addEventListener('click', ping);
  promptForm.addEventListener('submit', getPrompt);
  // Ctrl+Enter in the arguments calls the tool.
  toolArgs.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      callTool();
    }
  });

  function clearAll() {
    generation += 1;
    server = null;
    selectedTool = null;
    selectedPrompt = null;
    for (const node of [toolList, resourceList, promptList, toolResult, resourceResult, promptResult]) node.replaceChildren();
    delete toolResult.dataset.state;
    byId('ping-result').textContent = '';
    show(toolDetail, false);
    show(promptForm, false);
  }

  return {
    /**
     * Shows a server's workspace. Reloads its lists when the server or its status changed
     * (a server that just finished connecting now has tools), not on every list refresh.
     */
    select(next) {
      const status = next ? String(next.status ?? '') : '';
      if (next && server && next.id === server.id && status === server.status) return;
      if (!next) {
        clearAll();
        show(panel, false);
        show(emptyNote, true);
        return;
      }
      const sameServer = server && server.id === next.id;
      if (!sameServer) clearAll();
      else generation += 1;
      server = { id: String(next.id), status };
      serverName.textContent = server.id;
      byId('selected-server-status').textContent = status;
      show(panel, true);
      show(emptyNote, false);
      if (TRANSIENT_STATUSES.has(status.toLowerCase())) {
        for (const list of [toolList, resourceList, promptList]) setLoading(list, 'Waiting for the server to finish connecting…');
        return;
      }
      const caps = next.capabilities;
      loadTools(server.id, generation);
      if (offers(caps, 'resources')) loadResources(server.id, generation);
      else setLoading(resourceList, 'This server does not offer resources.');
      if (offers(caps, 'prompts')) loadPrompts(server.id, generation);
      else setLoading(promptList, 'This server does not offer prompts.');
    },
    clear() {
      clearAll();
      show(panel, false);
      show(emptyNote, true);
    },
  };
}
