// Session info in the header, the renewed-session notice, and the login form.
import { formatDateTime, formatRemaining } from '../lib/format.js';
import { byId, el, show } from './dom.js';

function principalName(principal) {
  if (!principal) return '';
  if (typeof principal === 'string') return principal;
  if (typeof principal === 'object') {
    for (const key of ['displayName', 'name', 'subject']) {
      if (typeof principal[key] === 'string' && principal[key]) return principal[key];
    }
  }
  return '';
}

/** Renders #session-info from GET /api/session. */
export function renderSessionInfo(info, now = Date.now()) {
  const box = byId('session-info');
  if (!info) {
    box.replaceChildren(el('span', { className: 'hint', text: 'Checking session…' }));
    return;
  }
  const mode = info.mode === 'hosted' ? 'hosted' : 'local';
  const who = principalName(info.principal);
  const parts = [
    el('span', { className: `badge mode-${mode}`, text: mode, attrs: { 'data-testid': 'session-mode', title: mode === 'hosted' ? 'Hosted: one isolated session per user' : 'Local: one shared inspector for this machine' } }),
    el('span', { attrs: { 'data-testid': 'session-principal' }, text: who && info.authenticated ? `Signed in as ${who}` : mode === 'hosted' ? 'Not signed in' : 'Local session' }),
  ];
  const idle = formatRemaining(info.idleExpiresAt, now);
  if (idle) {
    parts.push(el('span', { className: 'session-expiry', attrs: { 'data-testid': 'session-idle-expiry', title: `Idle expiry: ${formatDateTime(info.idleExpiresAt)}` }, text: `idle expiry ${idle}` }));
  }
  const end = formatRemaining(info.absoluteExpiresAt, now);
  if (end) {
    parts.push(el('span', { className: 'session-expiry', attrs: { 'data-testid': 'session-absolute-expiry', title: `Session ends: ${formatDateTime(info.absoluteExpiresAt)}` }, text: `ends ${end}` }));
  }
  box.dataset.mode = mode;
  box.dataset.authenticated = String(info.authenticated === true);
  box.replaceChildren(...parts);
}

/** Shows the notice that the previous session ended and this is a new one. */
export function showRenewedNotice(info) {
  const text = info.mode === 'hosted' && !info.authenticated
    ? 'Your previous session expired. Please log in again; servers you had connected and their logs are gone.'
    : 'Your previous session expired and a new one was started. Servers you had connected and their logs are gone.';
  byId('renewed-text').textContent = text;
  show(byId('renewed-notice'), true);
}

export function hideRenewedNotice() {
  show(byId('renewed-notice'), false);
}
