// Progress bars for running calls (#progress-list), fed by the progress stream.
import { ProgressTracker, percentOf } from '../lib/progress-model.js';
import { el } from './dom.js';

const STALE_MS = 5 * 60 * 1000;

/**
 * @param {HTMLElement} list #progress-list
 * @param {HTMLElement} empty the "nothing running" note
 */
export function createProgressView(list, empty) {
  const tracker = new ProgressTracker();
  const elements = new Map();

  function syncEmpty() {
    empty.hidden = elements.size > 0;
  }

  function draw(row) {
    let item = elements.get(row.id);
    if (!item) {
      const labelId = `progress-label-${row.id}`;
      item = el('li', { className: 'progress-row', dataset: { rowId: row.id, serverId: row.serverId } },
        el('div', { className: 'progress-label', attrs: { id: labelId } },
          el('strong', { text: row.label }), ' on ', el('span', { text: row.serverId })),
        el('progress', { attrs: { max: '100', 'aria-labelledby': labelId } }),
        el('div', { className: 'progress-text' }));
      elements.set(row.id, item);
      list.append(item);
    }
    if (row.token !== null) item.dataset.progressToken = row.token;
    const bar = item.querySelector('progress');
    const text = item.querySelector('.progress-text');
    const percent = percentOf(row);
    if (percent === null) {
      bar.removeAttribute('value'); // indeterminate
      item.dataset.indeterminate = 'true';
    } else {
      bar.value = percent;
      delete item.dataset.indeterminate;
    }
    const amount = row.progress === null ? 'waiting for progress'
      : row.total === null ? `${row.progress} so far` : `${row.progress} / ${row.total}`;
    text.textContent = row.message ? `${amount}: ${row.message}` : amount;
    syncEmpty();
  }

  function remove(ids) {
    for (const id of ids) {
      elements.get(id)?.remove();
      elements.delete(id);
    }
    syncEmpty();
  }

  setInterval(() => remove(tracker.expire(Date.now(), STALE_MS)), 30_000);
  syncEmpty();

  return {
    /** @returns {string} the row id to pass to finishCall */
    startCall(serverId, label) {
      const row = tracker.startCall(serverId, label, Date.now());
      draw(row);
      return row.id;
    },
    finishCall(rowId, serverId, progressToken) {
      remove(tracker.finishCall(rowId, serverId, progressToken));
    },
    onProgress(data) {
      const row = tracker.update(data, Date.now());
      if (row) draw(row);
    },
    clear() {
      tracker.clear();
      remove([...elements.keys()]);
    },
  };
}
