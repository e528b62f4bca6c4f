// The RPC log's logic: message parsing and summaries, request/response pairing, bounded
// buffers and timestamps. Pure: no DOM, no globals. Messages are untrusted server data.

/**
 * A message arrives as raw JSON-RPC text or as an already parsed object; truncated
 * messages (over the bus's per-event cap) are not valid JSON and stay text.
 *
 * @param {unknown} message
 * @returns {{json: unknown, text: string}} json is undefined when the text does not parse
 */
export function parseMessage(message) {
  if (typeof message === 'string') {
    try {
      return { json: JSON.parse(message), text: message };
    } catch {
      return { json: undefined, text: message };
    }
  }
  if (message === undefined) return { json: undefined, text: '' };
  return { json: message, text: JSON.stringify(message) };
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasId(msg) {
  return 'id' in msg && (typeof msg.id === 'string' || typeof msg.id === 'number');
}

/** The one parameter that says most about a call, for the row label ("tools/call echo"). */
function detailOf(method, params) {
  if (!isPlainObject(params)) return '';
  const text = (value) => (typeof value === 'string' && value ? ` ${value.length > 60 ? `${value.slice(0, 60)}…` : value}` : '');
  switch (method) {
    case 'tools/call':
    case 'prompts/get':
      return text(params.name);
    case 'resources/read':
    case 'resources/subscribe':
      return text(params.uri);
    case 'notifications/progress': {
      const { progress, total } = params;
      if (typeof progress !== 'number') return '';
      return typeof total === 'number' ? ` ${progress}/${total}` : ` ${progress}`;
    }
    default:
      return '';
  }
}

/**
 * What a JSON-RPC message is, for the log row.
 *
 * @param {unknown} json a parsed message
 * @returns {{kind: string, method: string, id: string|number|undefined, label: string}}
 *     kind is request, notification, response, error, batch or unknown
 */
export function summarize(json) {
  if (Array.isArray(json)) {
    return { kind: 'batch', method: '', id: undefined, label: `batch of ${json.length}` };
  }
  if (!isPlainObject(json)) return { kind: 'unknown', method: '', id: undefined, label: '(unparsed message)' };
  const method = typeof json.method === 'string' ? json.method : '';
  const id = hasId(json) ? json.id : undefined;
  const about = detailOf(method, json.params);
  if (method && id !== undefined) return { kind: 'request', method, id, label: `${method}${about} #${id}` };
  if (method) return { kind: 'notification', method, id: undefined, label: `${method}${about}` };
  if (id !== undefined && 'error' in json) {
    const message = isPlainObject(json.error) && typeof json.error.message === 'string' ? `: ${json.error.message}` : '';
    return { kind: 'error', method: '', id, label: `error #${id}${message}` };
  }
  if (id !== undefined) return { kind: 'response', method: '', id, label: `response #${id}` };
  return { kind: 'unknown', method: '', id: undefined, label: '(not JSON-RPC)' };
}

/** SEND or RECEIVE, whatever the case the server used; anything else is kept as is. */
export function normalizeDirection(direction) {
  const upper = String(direction ?? '').toUpperCase();
  if (upper === 'SEND' || upper === 'OUT' || upper === 'OUTBOUND') return 'SEND';
  if (upper === 'RECEIVE' || upper === 'IN' || upper === 'INBOUND') return 'RECEIVE';
  return upper || 'UNKNOWN';
}

/**
 * Epoch milliseconds of a timestamp given as ISO-8601 text, epoch milliseconds, or epoch
 * seconds (Jackson's default for java.time.Instant is decimal seconds).
 *
 * @param {unknown} timestamp
 * @returns {number} NaN when unknown
 */
export function toMillis(timestamp) {
  if (typeof timestamp === 'number' && Number.isFinite(timestamp)) {
    return timestamp < 1e11 ? Math.round(timestamp * 1000) : timestamp;
  }
  if (typeof timestamp === 'string' && timestamp !== '') {
    if (/^\d+(\.\d+)?$/.test(timestamp)) return toMillis(Number(timestamp));
    return Date.parse(timestamp);
  }
  return Number.NaN;
}

/**
 * Pairs responses with their requests by (server, id). A request goes one way and its
 * response the other, and both sides number their own requests, so the direction is part
 * of the key: a server's elicitation request #1 never pairs with the client's call #1.
 * Remembers at most `capacity` unanswered requests (the oldest are forgotten).
 */
export class RpcPairer {
  constructor(capacity = 5000) {
    this.capacity = capacity;
    this.pending = new Map();
  }

  static key(serverId, direction, id) {
    return JSON.stringify([String(serverId), direction, typeof id, String(id)]);
  }

  /**
   * Records one event.
   *
   * @param {{serverId: string, direction: string, timestamp: unknown, seq: number, json: unknown}} event
   * @returns {{requestSeq: number, method: string, latencyMs: number}|null} the request this
   *     event answers, with the latency (NaN when a timestamp is missing)
   */
  observe(event) {
    const messages = Array.isArray(event.json) ? event.json : [event.json];
    const direction = normalizeDirection(event.direction);
    let pair = null;
    for (const message of messages) {
      const summary = summarize(message);
      if (summary.kind === 'request') {
        const key = RpcPairer.key(event.serverId, direction, summary.id);
        this.pending.delete(key);
        this.pending.set(key, { seq: event.seq, method: summary.method, at: toMillis(event.timestamp) });
        if (this.pending.size > this.capacity) {
          this.pending.delete(this.pending.keys().next().value);
        }
      } else if (summary.kind === 'response' || summary.kind === 'error') {
        const opposite = direction === 'SEND' ? 'RECEIVE' : 'SEND';
        const key = RpcPairer.key(event.serverId, opposite, summary.id);
        const request = this.pending.get(key);
        if (request && pair === null) {
          this.pending.delete(key);
          pair = { requestSeq: request.seq, method: request.method, latencyMs: toMillis(event.timestamp) - request.at };
        }
      }
    }
    return pair;
  }

  clear() {
    this.pending.clear();
  }
}

/**
 * A FIFO that keeps at most `capacity` items, dropping the oldest; counts what it dropped.
 * Holds the events that arrive while the log is paused.
 */
export class BoundedBuffer {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = [];
    this.dropped = 0;
  }

  push(item) {
    this.items.push(item);
    if (this.items.length > this.capacity) {
      this.items.shift();
      this.dropped += 1;
    }
  }

  /** @returns {{items: unknown[], dropped: number}} everything held, emptying the buffer */
  drain() {
    const result = { items: this.items, dropped: this.dropped };
    this.items = [];
    this.dropped = 0;
    return result;
  }

  get size() {
    return this.items.length;
  }
}

/**
 * How many events a gap marker stands for. `from` and `to` are read as the inclusive range
 * of lost sequence numbers; an explicit count (`dropped` or `count`) wins when present.
 *
 * @param {unknown} gap
 * @returns {number|null} null when the marker says nothing usable
 */
export function gapSize(gap) {
  if (!isPlainObject(gap)) return null;
  for (const key of ['dropped', 'count']) {
    if (Number.isInteger(gap[key]) && gap[key] >= 0) return gap[key];
  }
  const from = Number(gap.from);
  const to = Number(gap.to);
  if (Number.isInteger(from) && Number.isInteger(to) && to >= from) return to - from + 1;
  return null;
}
