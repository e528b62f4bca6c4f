// The message area: every failed action ends up here with the server's detail and code.
import { describeError } from '../lib/problem.js';
import { el } from './dom.js';

const MAX_MESSAGES = 6;
const TRANSIENT_MS = 6000;

/**
 * @param {HTMLElement} area #message-area
 */
export function createMessages(area) {
  function add(kind, text, code) {
    const dismiss = el('button', {
      className: 'message-dismiss', text: '×', attrs: { type: 'button', 'aria-label': 'Dismiss message' },
    });
    const item = el('div', {
      className: `message message-${kind}`,
      attrs: { role: kind === 'error' ? 'alert' : 'status' },
      dataset: { kind, code: code ?? '' },
    },
    el('span', { className: 'message-text', text }),
    code ? el('code', { className: 'message-code', text: code }) : null,
    dismiss);
    dismiss.addEventListener('click', () => item.remove());
    area.append(item);
    while (area.children.length > MAX_MESSAGES) area.firstElementChild.remove();
    if (kind !== 'error') setTimeout(() => item.remove(), TRANSIENT_MS);
    return item;
  }

  return {
    /**
     * Shows a failure. `context` says which action failed ("Add server demo").
     */
    error(error, context = '') {
      const { text, code } = typeof error === 'string' ? { text: error, code: '' } : describeError(error);
      return add('error', context ? `${context}: ${text}` : text, code);
    },
    info: (text) => add('info', text, ''),
    success: (text) => add('success', text, ''),
    clear: () => area.replaceChildren(),
  };
}
