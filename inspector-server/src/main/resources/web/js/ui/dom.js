// DOM helpers. Text is always set with textContent, never parsed as HTML.

/**
 * Creates an element.
 *
 * @param {string} tag
 * @param {{className?: string, text?: string, attrs?: Record<string, string|boolean>,
 *          dataset?: Record<string, string>, on?: Record<string, Function>}} [props]
 * @param {...(Node|string|null|undefined|false)} children strings become text nodes
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.dataset ?? {})) {
    if (value !== undefined && value !== null) node.dataset[name] = String(value);
  }
  for (const [event, handler] of Object.entries(props.on ?? {})) {
    node.addEventListener(event, handler);
  }
  append(node, ...children);
  return node;
}

/** Appends nodes and strings (as text), skipping empty values. */
export function append(parent, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Removes every child. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** The element with this id; throws when the page markup lacks it (a bug, found at once). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The page has no element #${id}`);
  return node;
}

/** Shows or hides an element with the hidden attribute. */
export function show(node, visible) {
  node.hidden = !visible;
}

/** A class-safe version of a server-supplied word (status names become CSS classes). */
export function token(text) {
  return String(text ?? 'unknown').toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40) || 'unknown';
}

/** A <pre> with text or pretty JSON. */
export function pre(text, className = '') {
  return el('pre', { className, text });
}
