// Turns failed HTTP exchanges into one user-facing error type. Pure: no DOM, no globals.

/** An API failure as the page shows it: HTTP status, stable code and a readable detail. */
export class ApiError extends Error {
  /**
   * @param {{status: number, code: string, detail: string, title?: string}} problem
   */
  constructor({ status, code, detail, title }) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.title = title ?? '';
  }
}

const MAX_DETAIL_LENGTH = 500;

/** Status texts for when a server (or a proxy in front of it) sends no usable body. */
const STATUS_TEXT = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function clip(text) {
  const oneLine = String(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_LENGTH ? `${oneLine.slice(0, MAX_DETAIL_LENGTH)}…` : oneLine;
}

function isJsonType(contentType) {
  return /^application\/(problem\+)?json\b/i.test(contentType ?? '');
}

/**
 * Builds an ApiError from a status, a content type and the body text, trusting nothing:
 * only a JSON body is read, and only its string fields `detail`, `title` and `code`.
 * HTML error pages and stack traces are never shown; the status text is used instead.
 *
 * @param {number} status
 * @param {string|null} contentType
 * @param {string} bodyText
 * @returns {ApiError}
 */
export function problemFromBody(status, contentType, bodyText) {
  let detail = '';
  let title = '';
  let code = '';
  if (isJsonType(contentType) && bodyText) {
    try {
      const body = JSON.parse(bodyText);
      if (body && typeof body === 'object') {
        if (typeof body.detail === 'string') detail = clip(body.detail);
        if (typeof body.title === 'string') title = clip(body.title);
        if (typeof body.code === 'string') code = body.code.slice(0, 64);
      }
    } catch {
      // Not JSON after all: fall through to the generic text.
    }
  }
  const statusText = STATUS_TEXT[status] ?? 'Error';
  if (!detail) {
    detail = title || `The server answered HTTP ${status} ${statusText} without a problem description.`;
  }
  return new ApiError({ status, code: code || `http_${status}`, detail, title: title || statusText });
}

/**
 * Wraps a network-level failure (fetch rejected: server down, connection reset, CSP refusal).
 *
 * @param {unknown} cause
 * @returns {ApiError}
 */
export function networkProblem(cause) {
  const reason = cause instanceof Error && cause.message ? ` (${clip(cause.message)})` : '';
  return new ApiError({
    status: 0,
    code: 'network_error',
    detail: `Could not reach the inspector server${reason}. Check that it is running and try again.`,
    title: 'Network error',
  });
}

/**
 * The text shown for any error thrown by an action: the problem detail plus its code,
 * or a generic text for programming errors (never blank).
 *
 * @param {unknown} error
 * @returns {{text: string, code: string}}
 */
export function describeError(error) {
  if (error instanceof ApiError) {
    return { text: error.detail, code: error.code };
  }
  if (error instanceof Error && error.message) {
    return { text: clip(error.message), code: 'page_error' };
  }
  return { text: 'Something went wrong in the page.', code: 'page_error' };
}
