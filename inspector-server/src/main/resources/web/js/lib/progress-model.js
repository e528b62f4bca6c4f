// Progress rows for running calls. Pure: no DOM, no globals.
//
// The API returns a call's progressToken only when the call has finished, so while it runs
// the page cannot know which token is its own. A progress report with an unknown token is
// attached to the oldest running call on the same server that has no token yet; reports
// no running call can take (another tab's calls) get a row of their own, which goes away
// when it stops being updated.

const MAX_FINISHED = 500;

function tokenKey(serverId, token) {
  return JSON.stringify([String(serverId), String(token)]);
}

export class ProgressTracker {
  constructor() {
    this.rows = new Map();
    this.tokens = new Map();
    this.finished = new Set();
    this.nextId = 1;
  }

  /**
   * A call has started: it gets an (indeterminate) row at once.
   *
   * @returns {object} the row; row.id identifies it
   */
  startCall(serverId, label, now) {
    const row = {
      id: `call-${this.nextId++}`, serverId: String(serverId), label, token: null,
      progress: null, total: null, message: '', updatedAt: now, isCall: true,
    };
    this.rows.set(row.id, row);
    return row;
  }

  /**
   * Applies one progress report.
   *
   * @param {{serverId: string, progressToken: unknown, progress: unknown, total: unknown, message: unknown}} report
   * @returns {object|null} the updated row, or null for a report without server or token
   */
  update(report, now) {
    if (!report || report.serverId === undefined || report.progressToken === undefined || report.progressToken === null) {
      return null;
    }
    const serverId = String(report.serverId);
    const token = String(report.progressToken);
    const key = tokenKey(serverId, token);
    // The stream may deliver a call's last report after the call's answer: do not revive it.
    if (this.finished.has(key)) return null;
    let row = this.rows.get(this.tokens.get(key));
    if (!row) {
      row = [...this.rows.values()].find((r) => r.isCall && r.token === null && r.serverId === serverId);
      if (!row) {
        row = {
          id: `token-${this.nextId++}`, serverId, label: `progress ${token}`, token: null,
          progress: null, total: null, message: '', updatedAt: now, isCall: false,
        };
        this.rows.set(row.id, row);
      }
      row.token = token;
      this.tokens.set(key, row.id);
    }
    const progress = Number(report.progress);
    const total = report.total === null || report.total === undefined ? null : Number(report.total);
    row.progress = Number.isFinite(progress) ? progress : row.progress;
    row.total = total !== null && Number.isFinite(total) && total > 0 ? total : null;
    row.message = typeof report.message === 'string' ? report.message : row.message;
    row.updatedAt = now;
    return row;
  }

  /**
   * The call returned: its row goes, and so does any row holding the token it reports.
   *
   * @returns {string[]} the ids of the removed rows
   */
  finishCall(rowId, serverId, progressToken) {
    const removed = [];
    const remove = (id) => {
      const row = this.rows.get(id);
      if (!row) return;
      this.rows.delete(id);
      if (row.token !== null) this.tokens.delete(tokenKey(row.serverId, row.token));
      removed.push(id);
    };
    remove(rowId);
    if (progressToken !== undefined && progressToken !== null) {
      const key = tokenKey(serverId, progressToken);
      remove(this.tokens.get(key));
      this.finished.add(key);
      if (this.finished.size > MAX_FINISHED) this.finished.delete(this.finished.values().next().value);
    }
    return removed;
  }

  /** @returns {string[]} ids of rows not belonging to a running call and idle longer than maxAgeMs */
  expire(now, maxAgeMs) {
    const stale = [...this.rows.values()].filter((r) => !r.isCall && now - r.updatedAt > maxAgeMs).map((r) => r.id);
    return stale.flatMap((id) => this.finishCall(id));
  }

  clear() {
    this.rows.clear();
    this.tokens.clear();
    this.finished.clear();
  }
}

/**
 * @returns {number|null} the percentage done, or null when indeterminate
 */
export function percentOf(row) {
  if (row.total === null || row.progress === null) return null;
  return Math.max(0, Math.min(100, (row.progress / row.total) * 100));
}
