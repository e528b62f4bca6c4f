// Small pure helpers: times, JSON, and the add-server form's values. No DOM, no globals.
import { toMillis } from './rpc-model.js';

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** HH:MM:SS.mmm in local time, or '—' for an unknown timestamp. */
export function formatClock(timestamp) {
  const millis = toMillis(timestamp);
  if (Number.isNaN(millis)) return '—';
  const d = new Date(millis);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A readable local date and time, or '—'. */
export function formatDateTime(timestamp) {
  const millis = toMillis(timestamp);
  if (Number.isNaN(millis)) return '—';
  return new Date(millis).toLocaleString();
}

/** "in 29 min", "in 11 h 58 min", "expired", or '' when unknown. */
export function formatRemaining(timestamp, now) {
  const millis = toMillis(timestamp);
  if (Number.isNaN(millis)) return '';
  const seconds = Math.round((millis - now) / 1000);
  if (seconds <= 0) return 'expired';
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `in ${minutes} min`;
  return `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Latency for a response row: "12 ms", "1.52 s", or '' when unknown. */
export function formatLatency(ms) {
  if (!Number.isFinite(ms) || ms < 0) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Pretty JSON for display; text that is not JSON is returned unchanged. */
export function prettyJson(value) {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  const text = JSON.stringify(value, null, 2);
  return text === undefined ? String(value) : text;
}

export const TRANSPORTS = ['streamable-http', 'sse', 'stdio'];

/**
 * Reads "Name: value" lines into a headers object.
 *
 * @returns {{ok: true, headers: object} | {ok: false, message: string}}
 */
export function parseHeaderLines(text) {
  const headers = {};
  const lines = String(text ?? '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i].trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      return { ok: false, message: `Header line ${i + 1} must look like "Name: value", but was "${line}".` };
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, headers };
}

/**
 * Checks the add-server form and builds the POST /api/servers body. The server checks
 * everything again; this only catches what the page can see (a missing field, a bad URL).
 *
 * @param {{id: string, transport: string, url: string, headers: string, command: string, args: string}} values
 * @param {string} mode local or hosted (hosted never offers stdio)
 * @returns {{ok: true, spec: object} | {ok: false, message: string}}
 */
export function buildServerSpec(values, mode) {
  const id = String(values.id ?? '').trim();
  const transport = String(values.transport ?? '');
  if (id === '') return { ok: false, message: 'Give the server an id (a short name such as "demo").' };
  if (!TRANSPORTS.includes(transport)) {
    return { ok: false, message: `Transport must be one of ${TRANSPORTS.join(', ')}, but was "${transport}".` };
  }
  if (transport === 'stdio') {
    if (mode === 'hosted') return { ok: false, message: 'The stdio transport is not available in hosted mode.' };
    const command = String(values.command ?? '').trim();
    if (command === '') return { ok: false, message: 'The stdio transport needs a command to run.' };
    const args = String(values.args ?? '').split(/\r?\n/).map((a) => a.trim()).filter((a) => a !== '');
    return { ok: true, spec: { id, transport, command, args } };
  }
  const url = String(values.url ?? '').trim();
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return { ok: false, message: `The URL must be an http:// or https:// address, but was "${url}".` };
  }
  const headers = parseHeaderLines(values.headers);
  if (!headers.ok) return headers;
  return { ok: true, spec: { id, transport, url, headers: headers.headers } };
}
