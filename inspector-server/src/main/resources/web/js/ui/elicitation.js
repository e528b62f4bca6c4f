// The elicitation dialog: a queue of pending requests, one form at a time, built from the
// requested schema; answers are checked in the page before they are sent.
import { buildFormModel, initialRawValue, validateAnswer } from '../lib/elicitation-model.js';
import { formatClock } from '../lib/format.js';
import { toMillis } from '../lib/rpc-model.js';
import { el, show } from './dom.js';

const ANSWERED_MEMORY = 200;

/**
 * @param {object} options
 * @param {ReturnType<import('../lib/api.js').createApi>} options.api
 * @param {ReturnType<import('./messages.js').createMessages>} options.messages
 */
export function createElicitationView({ api, messages }) {
  const dialog = document.getElementById('elicitation-dialog');
  const form = document.getElementById('elicitation-form');
  const fieldsBox = document.getElementById('elicitation-fields');
  const serverText = document.getElementById('elicitation-server');
  const messageText = document.getElementById('elicitation-message');
  const queueText = document.getElementById('elicitation-queue');
  const expiryText = document.getElementById('elicitation-expiry');
  const errorText = document.getElementById('elicitation-error');
  const acceptButton = document.getElementById('elicitation-accept');
  const declineButton = document.getElementById('elicitation-decline');
  const cancelButton = document.getElementById('elicitation-cancel');

  const queue = [];
  const answered = new Set();
  let current = null; // {request, model, inputs}
  let sending = false;

  function remember(requestId) {
    answered.add(requestId);
    if (answered.size > ANSWERED_MEMORY) answered.delete(answered.values().next().value);
  }

  function setBusy(busy) {
    sending = busy;
    for (const button of [acceptButton, declineButton, cancelButton]) button.disabled = busy;
    acceptButton.disabled = busy || (current !== null && current.model.error !== null);
  }

  function fieldInput(field, index) {
    const id = `elicit-${index}`;
    const raw = initialRawValue(field);
    const common = { id, name: field.name, 'data-testid': `elicitation-field-${field.name}` };
    switch (field.kind) {
      case 'boolean':
        return el('input', { attrs: { ...common, type: 'checkbox', checked: raw === true } });
      case 'enum': {
        const select = el('select', { attrs: { ...common, required: field.required } },
          el('option', { text: field.required ? '— choose —' : '— none —', attrs: { value: '' } }),
          ...field.options.map((o) => el('option', { text: o.label, attrs: { value: String(o.value) } })));
        select.value = raw;
        return select;
      }
      case 'multi-enum':
        return el('fieldset', { className: 'choices', attrs: { id, 'data-testid': common['data-testid'] } },
          el('legend', { className: 'visually-hidden', text: field.label }),
          ...field.options.map((o, i) => el('label', { className: 'choice' },
            el('input', { attrs: { type: 'checkbox', name: field.name, value: String(o.value), id: `${id}-${i}`, checked: raw.includes(String(o.value)) } }),
            ` ${o.label}`)));
      case 'json':
        return el('textarea', { text: raw, attrs: { ...common, rows: '3', spellcheck: 'false' } });
      default: {
        const type = { email: 'email', uri: 'url', date: 'date', number: 'number', integer: 'number' }[field.kind] ?? 'text';
        const input = el('input', {
          attrs: {
            ...common, type, required: field.required,
            minlength: field.minLength, maxlength: field.maxLength, min: field.minimum, max: field.maximum,
            step: field.kind === 'integer' ? '1' : field.kind === 'number' ? 'any' : undefined,
            placeholder: field.kind === 'date-time' ? '2025-01-31T13:45:00Z' : field.kind === 'uri' ? 'https://' : undefined,
            autocomplete: field.kind === 'email' ? 'email' : 'off',
          },
        });
        input.value = raw;
        return input;
      }
    }
  }

  function renderFields(model) {
    fieldsBox.replaceChildren();
    const inputs = new Map();
    model.fields.forEach((field, index) => {
      const input = fieldInput(field, index);
      const descriptionId = `elicit-${index}-desc`;
      const errorId = `elicit-${index}-error`;
      const describedBy = [field.description ? descriptionId : '', errorId].filter(Boolean).join(' ');
      input.setAttribute('aria-describedby', describedBy);
      const label = el('label', { attrs: { for: `elicit-${index}` } },
        field.label, field.required ? el('span', { className: 'required', text: ' *', attrs: { 'aria-hidden': 'true' } }) : null,
        field.required ? el('span', { className: 'visually-hidden', text: ' (required)' }) : null);
      const row = el('div', { className: `field field-${field.kind}`, dataset: { field: field.name } },
        field.kind === 'multi-enum' ? el('div', { className: 'field-label', text: field.label }) : label,
        field.description ? el('p', { className: 'hint', text: field.description, attrs: { id: descriptionId } }) : null,
        input,
        el('p', { className: 'field-error', attrs: { id: errorId, hidden: true, role: 'alert' } }));
      if (field.kind === 'boolean') row.classList.add('field-inline');
      fieldsBox.append(row);
      inputs.set(field.name, { field, input, row });
    });
    if (model.error) fieldsBox.append(el('p', { className: 'field-error', text: `${model.error} You can only decline or cancel.` }));
    if (model.fields.length === 0 && !model.error) fieldsBox.append(el('p', { className: 'hint', text: 'No information is requested: Accept sends an empty answer.' }));
    return inputs;
  }

  function rawValues(inputs) {
    const raw = {};
    for (const [name, { field, input }] of inputs) {
      if (field.kind === 'boolean') raw[name] = input.checked;
      else if (field.kind === 'multi-enum') raw[name] = [...input.querySelectorAll('input:checked')].map((i) => i.value);
      else raw[name] = input.value;
    }
    return raw;
  }

  function showErrors(inputs, errors) {
    let first = null;
    for (const [name, { input, row }] of inputs) {
      const message = errors[name];
      const errorNode = row.querySelector('.field-error');
      errorNode.textContent = message ?? '';
      errorNode.hidden = !message;
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      row.classList.toggle('invalid', Boolean(message));
      if (message && !first) first = input;
    }
    return first;
  }

  function present() {
    if (current !== null || queue.length === 0) {
      updateQueueText();
      return;
    }
    const request = queue[0];
    const model = buildFormModel(request.requestedSchema);
    current = { request, model, inputs: null };
    dialog.dataset.requestId = request.requestId;
    dialog.dataset.serverId = request.serverId;
    serverText.textContent = request.serverId;
    messageText.textContent = request.message;
    const expires = toMillis(request.expiresAt);
    expiryText.textContent = Number.isNaN(expires) ? '' : `Unanswered requests are cancelled at ${formatClock(request.expiresAt)}.`;
    errorText.textContent = '';
    show(errorText, false);
    current.inputs = renderFields(model);
    setBusy(false);
    updateQueueText();
    if (!dialog.open) dialog.showModal();
    const firstInput = fieldsBox.querySelector('input, select, textarea');
    (firstInput ?? acceptButton).focus();
  }

  function updateQueueText() {
    const waiting = Math.max(0, queue.length - 1);
    queueText.textContent = waiting > 0 ? `${waiting} more request${waiting === 1 ? '' : 's'} waiting after this one.` : '';
    show(queueText, waiting > 0);
  }

  function finishCurrent() {
    if (current) {
      remember(current.request.requestId);
      const index = queue.indexOf(current.request);
      if (index >= 0) queue.splice(index, 1);
    }
    current = null;
    if (queue.length === 0) {
      if (dialog.open) dialog.close();
      delete dialog.dataset.requestId;
      delete dialog.dataset.serverId;
      fieldsBox.replaceChildren();
    } else {
      present();
    }
  }

  async function send(action) {
    if (!current || sending) return;
    const { request, model, inputs } = current;
    const answer = { action };
    if (action === 'accept') {
      const result = validateAnswer(model, rawValues(inputs));
      const first = showErrors(inputs, result.ok ? {} : result.errors);
      if (!result.ok) {
        const count = Object.keys(result.errors).length;
        errorText.textContent = `Nothing was sent: ${count} field${count === 1 ? ' needs' : 's need'} fixing.`;
        show(errorText, true);
        first?.focus();
        return;
      }
      answer.content = result.content;
    }
    setBusy(true);
    try {
      await api.answerElicitation(request.requestId, answer);
      if (current?.request === request) finishCurrent();
    } catch (error) {
      if (error.code === 'elicitation_not_found') {
        messages.error(error, `The request from ${request.serverId} is no longer pending`);
        if (current?.request === request) finishCurrent();
      } else {
        messages.error(error, `Answer to ${request.serverId}`);
        errorText.textContent = error.detail ?? 'The answer could not be sent.';
        show(errorText, true);
        setBusy(false);
      }
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send('accept');
  });
  declineButton.addEventListener('click', () => send('decline'));
  cancelButton.addEventListener('click', () => send('cancel'));
  // Escape closes a modal dialog: treat it as the user's Cancel rather than leaving the server waiting.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    send('cancel');
  });
  setInterval(() => {
    const now = Date.now();
    for (const request of [...queue]) {
      const expires = toMillis(request.expiresAt);
      if (!Number.isNaN(expires) && now > expires + 5000) {
        if (current?.request === request) finishCurrent();
        else {
          queue.splice(queue.indexOf(request), 1);
          remember(request.requestId);
        }
        messages.info(`The request from ${request.serverId} timed out.`);
      }
    }
    updateQueueText();
  }, 5000);

  return {
    onRequest(data) {
      if (!data || typeof data.requestId !== 'string') return;
      // Pending requests are replayed to each new subscription: show each one once.
      if (answered.has(data.requestId) || queue.some((r) => r.requestId === data.requestId)) return;
      queue.push({
        requestId: data.requestId,
        serverId: String(data.serverId ?? 'unknown server'),
        message: typeof data.message === 'string' ? data.message : '',
        requestedSchema: data.requestedSchema,
        expiresAt: data.expiresAt,
      });
      present();
    },
    onComplete(data) {
      const requestId = data?.requestId;
      if (typeof requestId !== 'string') return;
      const request = queue.find((r) => r.requestId === requestId);
      remember(requestId);
      if (!request) return;
      if (current?.request === request) {
        if (!sending) messages.info(`The request from ${request.serverId} was closed (${String(data.action ?? 'done')}) elsewhere.`);
        finishCurrent();
      } else {
        queue.splice(queue.indexOf(request), 1);
        updateQueueText();
      }
    },
    clear() {
      queue.length = 0;
      current = null;
      if (dialog.open) dialog.close();
      fieldsBox.replaceChildren();
    },
  };
}
