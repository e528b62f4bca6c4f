// EventSource wrapper: connection state, reconnection after a fatal close, clean shutdown.
//
// The browser reconnects by itself after a network drop (sending Last-Event-ID, which the
// server honours). It gives up for good when the server answers with an error status (a
// 401 after the session ended, say): then this wrapper reopens with a growing delay and
// tells its owner, who re-checks the session.

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;

/**
 * @param {object} options
 * @param {string} options.name shown in the status ("RPC log")
 * @param {Record<string, (data: unknown, event: MessageEvent) => void>} options.events
 *     handlers by SSE event name; data is the parsed JSON (events that do not parse are skipped)
 * @param {(state: string) => void} options.onState connecting | live | reconnecting | closed | off
 * @param {() => void} [options.onFatal] called when the server closed the stream for good
 */
export function createStream({ events, onState, onFatal = () => {} }) {
  let source = null;
  let url = null;
  let timer = null;
  let delay = MIN_DELAY_MS;

  function setState(state) {
    onState(state);
  }

  function connect() {
    timer = null;
    setState('connecting');
    const es = new EventSource(url);
    source = es;
    es.addEventListener('open', () => {
      if (source !== es) return;
      delay = MIN_DELAY_MS;
      setState('live');
    });
    es.addEventListener('error', () => {
      if (source !== es) return;
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        source = null;
        setState('closed');
        // Deferred, not called here: a page being unloaded closes its streams with this same
        // error, and a session check sent then would swallow the next page's `renewed` flag.
        timer = setTimeout(() => {
          onFatal();
          connect();
        }, delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      } else {
        setState('reconnecting');
      }
    });
    for (const [name, handler] of Object.entries(events)) {
      es.addEventListener(name, (event) => {
        if (source !== es) return;
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        handler(data, event);
      });
    }
  }

  function close() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (source) source.close();
    source = null;
    delay = MIN_DELAY_MS;
    setState('off');
  }

  return {
    /** Opens (or reopens) the stream at this URL. */
    open(newUrl) {
      close();
      url = newUrl;
      connect();
    },
    close,
    get url() {
      return url;
    },
  };
}
