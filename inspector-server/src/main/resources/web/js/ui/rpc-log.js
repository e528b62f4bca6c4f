// The live RPC log: one <details> row per message, newest at the bottom, bounded in rows
// and in retained text, with request/response pairing, a server filter and pause.
import { BoundedBuffer, RpcPairer, gapSize, normalizeDirection, parseMessage, summarize } from '../lib/rpc-model.js';
import { formatClock, formatLatency, prettyJson } from '../lib/format.js';
import { el } from './dom.js';

const MAX_ROWS = 1000;
const MAX_RETAINED_CHARS = 20_000_000;
const PAUSE_BUFFER = 500;
const ARROWS = { SEND: '→', RECEIVE: '←' };
const DIRECTION_NAMES = { SEND: 'sent to the server', RECEIVE: 'received from the server' };

/**
 * @param {object} parts
 * @param {HTMLElement} parts.log #rpc-log
 * @param {HTMLSelectElement} parts.filter #rpc-filter
 * @param {HTMLButtonElement} parts.pause #rpc-pause
 * @param {HTMLButtonElement} parts.clearButton #rpc-clear
 * @param {HTMLElement} parts.status #rpc-status
 * @param {(serverId: string) => void} parts.onFilterChange reopens the stream for one server ('' = all)
 */
export function createRpcLog({ log, filter, pause, clearButton, status, onFilterChange }) {
  const pairer = new RpcPairer();
  const buffer = new BoundedBuffer(PAUSE_BUFFER);
  const rowsBySeq = new Map();
  let retainedChars = 0;
  let lastSeq = -Infinity;
  let paused = false;

  function updateStatus() {
    const rows = log.childElementCount;
    status.textContent = paused
      ? `Paused: ${buffer.size} new event${buffer.size === 1 ? '' : 's'} held${buffer.dropped ? `, ${buffer.dropped} dropped` : ''}`
      : `${rows} row${rows === 1 ? '' : 's'}`;
  }

  function removeOldest() {
    const first = log.firstElementChild;
    if (!first) return;
    retainedChars -= Number(first.dataset.chars ?? 0);
    if (first.dataset.seq) rowsBySeq.delete(Number(first.dataset.seq));
    first.remove();
  }

  function appendRow(row, chars) {
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    row.dataset.chars = String(chars);
    retainedChars += chars;
    log.append(row);
    while (log.childElementCount > MAX_ROWS || (retainedChars > MAX_RETAINED_CHARS && log.childElementCount > 1)) {
      removeOldest();
    }
    if (nearBottom) log.scrollTop = log.scrollHeight;
  }

  function gapRow(text) {
    appendRow(el('div', { className: 'rpc-row rpc-gap', attrs: { role: 'note' }, dataset: { direction: 'GAP' }, text }), 0);
  }

  function renderRpc(data) {
    const seq = Number(data.seq);
    if (Number.isFinite(seq)) {
      // A reconnect resumes after Last-Event-ID; this only guards against a replayed duplicate.
      if (seq <= lastSeq) return;
      lastSeq = seq;
    }
    const direction = normalizeDirection(data.direction);
    const serverId = String(data.serverId ?? '');
    const { json, text } = parseMessage(data.message);
    const summary = summarize(json);
    const pair = pairer.observe({ seq, serverId, direction, timestamp: data.timestamp, json });
    const latency = pair ? formatLatency(pair.latencyMs) : '';

    const body = el('pre', { className: 'rpc-json' });
    const row = el('details', {
      className: `rpc-row rpc-${summary.kind}`,
      dataset: {
        direction, seq: Number.isFinite(seq) ? seq : undefined, serverId, kind: summary.kind,
        method: summary.method || (pair ? pair.method : undefined),
        rpcId: summary.id === undefined ? undefined : String(summary.id),
        pairedSeq: pair ? pair.requestSeq : undefined,
      },
    },
    el('summary', {},
      el('span', { className: 'rpc-arrow', text: ARROWS[direction] ?? '·', attrs: { title: DIRECTION_NAMES[direction] ?? direction } }),
      el('span', { className: 'visually-hidden', text: `${direction} ` }),
      el('time', { className: 'rpc-time', text: formatClock(data.timestamp) }),
      el('span', { className: 'rpc-server', text: serverId }),
      el('span', { className: 'rpc-label', text: pair && summary.kind !== 'batch' ? `${summary.label} (${pair.method})` : summary.label }),
      latency ? el('span', { className: 'rpc-latency', text: latency, attrs: { title: 'time since the request' } }) : null),
    body);
    // Pretty-printing is deferred until the row is opened: most rows never are.
    row.addEventListener('toggle', () => {
      if (row.open && !body.textContent) body.textContent = json === undefined ? text : prettyJson(json);
    });
    if (pair && rowsBySeq.has(pair.requestSeq)) {
      const request = rowsBySeq.get(pair.requestSeq);
      request.dataset.answered = 'true';
      if (latency) request.querySelector('summary').append(el('span', { className: 'rpc-latency', text: `answered in ${latency}` }));
    }
    if (Number.isFinite(seq)) rowsBySeq.set(seq, row);
    appendRow(row, text.length);
  }

  function renderGap(data) {
    const n = gapSize(data);
    const range = Number.isFinite(Number(data?.from)) && Number.isFinite(Number(data?.to)) ? ` (sequence ${data.from}–${data.to})` : '';
    gapRow(n === null ? `Some events were dropped${range}` : `${n} event${n === 1 ? '' : 's'} dropped${range}`);
  }

  function render(item) {
    if (item.type === 'gap') renderGap(item.data);
    else renderRpc(item.data);
    updateStatus();
  }

  function accept(item) {
    if (paused) {
      buffer.push(item);
      updateStatus();
    } else {
      render(item);
    }
  }

  function setPaused(value) {
    paused = value;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) {
      const { items, dropped } = buffer.drain();
      if (dropped > 0) gapRow(`${dropped} event${dropped === 1 ? '' : 's'} not shown: more arrived while paused than the page holds`);
      items.forEach(render);
    }
    updateStatus();
  }

  function reset() {
    log.replaceChildren();
    rowsBySeq.clear();
    pairer.clear();
    buffer.drain();
    retainedChars = 0;
    lastSeq = -Infinity;
    updateStatus();
  }

  pause.addEventListener('click', () => setPaused(!paused));
  clearButton.addEventListener('click', () => {
    // Clearing the view keeps lastSeq, so already shown events are not replayed into it.
    const keep = lastSeq;
    reset();
    lastSeq = keep;
  });
  filter.addEventListener('change', () => {
    reset();
    onFilterChange(filter.value);
  });
  updateStatus();

  return {
    onRpc: (data) => accept({ type: 'rpc', data }),
    onGap: (data) => accept({ type: 'gap', data }),
    reset,
    /** The server filter's options follow the server list; a vanished server keeps its option while selected. */
    setServers(ids) {
      const current = filter.value;
      const wanted = [...new Set([...ids, ...(current ? [current] : [])])];
      filter.replaceChildren(el('option', { text: 'All servers', attrs: { value: '' } }),
        ...wanted.map((id) => el('option', { text: id, attrs: { value: id } })));
      filter.value = current;
    },
    get serverFilter() {
      return filter.value;
    },
  };
}
