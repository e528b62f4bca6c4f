// Browser smoke test of the page against dev-server.mjs, in headless Chromium driven over
// the DevTools protocol (pipe transport, nothing to download). Not part of `node --test`:
// it needs /usr/bin/chromium. The Java browser tests (Selenium) cover the real backend.
//
//   node inspector-server/src/test/js/page-smoke.mjs [screenshot.png]
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from './dev-server.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.log(`skipped: ${CHROMIUM} not found`);
  process.exit(0);
}

function launch() {
  const proc = spawn(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${mkdtempSync(join(tmpdir(), 'inspector-smoke-'))}`, '--window-size=1400,1000',
    '--remote-debugging-pipe', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const pending = new Map();
  const listeners = [];
  let nextId = 1;
  let buffer = Buffer.alloc(0);
  proc.stdio[4].on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end;
    while ((end = buffer.indexOf(0)) >= 0) {
      const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
      buffer = buffer.subarray(end + 1);
      if (message.id && pending.has(message.id)) {
        const { resolve, reject } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(`${message.error.message}`));
        else resolve(message.result);
      } else {
        listeners.forEach((l) => l(message));
      }
    }
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    proc.stdio[3].write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
  });
  return { proc, send, on: (l) => listeners.push(l) };
}

async function openPage(browser, url, problems) {
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank', newWindow: true });
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => browser.send(method, params, sessionId);
  browser.on((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === 'Runtime.exceptionThrown') problems.push(`exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
    if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error' && !/Failed to load resource/.test(m.params.entry.text)) problems.push(`log: ${m.params.entry.text}`);
    if (m.method === 'Runtime.consoleAPICalled' && m.params.type === 'error') problems.push(`console: ${m.params.args.map((a) => a.value ?? a.description).join(' ')}`);
  });
  await send('Runtime.enable');
  await send('Log.enable');
  await send('Page.enable');
  await send('Network.enable');
  await send('Page.navigate', { url });
  const page = {
    send,
    async eval(expression) {
      const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    },
    async waitFor(expression, what, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await page.eval(`(() => { try { return Boolean(${expression}); } catch { return false; } })()`)) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    click: (selector) => page.eval(`document.querySelector(${JSON.stringify(selector)}).click()`),
    setValue: (selector, value) => page.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.value = ${JSON.stringify(value)}; e.dispatchEvent(new Event('input', {bubbles: true})); })()`),
    text: (selector) => page.eval(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`),
  };
  return page;
}

const steps = [];
function check(condition, what) {
  steps.push(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) throw new Error(what);
}

const screenshot = process.argv[2];
const local = await startDevServer({ mode: 'local' });
const hosted = await startDevServer({ mode: 'hosted' });
const browser = launch();
const problems = [];
let failed = false;
try {
  const page = await openPage(browser, `http://localhost:${local.address().port}/`, problems);
  await page.waitFor(`document.body.dataset.state === 'ready'`, 'the app');
  check(await page.eval(`document.querySelector('#session-info [data-testid=session-mode]').textContent`) === 'local', 'session info shows local mode');
  check(await page.eval(`document.getElementById('renewed-notice').hidden`), 'no renewed notice on a fresh visit');
  check(await page.eval(`document.querySelector('#server-transport option[value=stdio]').hidden === false`), 'stdio offered in local mode');
  await page.waitFor(`document.querySelector('[data-testid=connect-suggested-demo]')`, 'the suggested demo server');
  await page.click('[data-testid=connect-suggested-demo]');
  await page.waitFor(`document.querySelector('#server-list [data-server-id=demo]')`, 'demo in the server list');
  await page.waitFor(`document.querySelector('[data-testid=tool-echo]')`, 'the echo tool');
  await page.waitFor(`document.getElementById('stream-rpc').dataset.state === 'live'`, 'the RPC stream to be live');

  await page.click('[data-testid=tool-echo]');
  check(JSON.parse(await page.eval(`document.getElementById('tool-args').value`)).message === '', 'echo arguments pre-filled from the schema');
  await page.setValue('#tool-args', '{"message": "hello inspector"}');
  await page.click('#call-tool');
  await page.waitFor(`document.getElementById('tool-result').textContent.includes('hello inspector')`, 'the echo result');

  const rowsBefore = await page.eval(`document.querySelectorAll('#rpc-log .rpc-row').length`);
  await page.setValue('#tool-args', '{"message": ');
  await page.click('#call-tool');
  check(await page.eval(`!document.getElementById('tool-args-error').hidden && document.getElementById('tool-args-error').textContent.startsWith('The arguments are not valid JSON')`), 'invalid JSON refused in the page');
  await page.setValue('#tool-args', '[1, 2]');
  await page.click('#call-tool');
  check((await page.text('#tool-args-error')).includes('but this is an array'), 'a non-object refused in the page');
  check(await page.eval(`document.querySelectorAll('#rpc-log .rpc-row').length`) === rowsBefore, 'nothing was sent for bad arguments');

  await page.click('[data-testid=tool-slow_count]');
  await page.setValue('#tool-args', '{"count": 6, "delayMs": 300}');
  await page.click('#call-tool');
  await page.waitFor(`document.querySelector('#progress-list progress')`, 'a progress bar');
  await page.waitFor(`Number(document.querySelector('#progress-list progress')?.value) > 40`, 'the progress bar to fill');
  if (screenshot) {
    const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(screenshot.replace(/\.png$/, '-progress.png'), Buffer.from(data, 'base64'));
  }
  await page.waitFor(`document.getElementById('tool-result').textContent.includes('counted to 6')`, 'the slow_count result');
  check(await page.eval(`document.querySelectorAll('#progress-list progress').length`) === 0, 'finished progress bar removed');

  await page.click('[data-testid=tool-ask_user]');
  await page.setValue('#tool-args', '{"question": "Who is there?"}');
  await page.click('#call-tool');
  await page.waitFor(`document.getElementById('elicitation-dialog').open`, 'the elicitation dialog');
  check(await page.text('#elicitation-server') === 'demo', 'the dialog says which server asks');
  check(await page.text('#elicitation-message') === 'Who is there?', 'the dialog shows the message');
  await page.click('#elicitation-accept');
  check(await page.eval(`document.getElementById('elicitation-dialog').open && !document.getElementById('elicitation-error').hidden`), 'missing required field refused in the page');
  check((await page.text('[data-field=name] .field-error')) === 'Name is required.', 'the field error names the field');
  await page.setValue('[data-testid=elicitation-field-name]', 'Ada');
  await page.setValue('[data-testid=elicitation-field-age]', '3.5');
  await page.click('#elicitation-accept');
  check((await page.text('[data-field=age] .field-error')) === 'age must be a whole number, but was 3.5.', 'a type violation refused in the page');
  if (screenshot) {
    const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(screenshot.replace(/\.png$/, '-elicitation.png'), Buffer.from(data, 'base64'));
  }
  await page.setValue('[data-testid=elicitation-field-age]', '36');
  await page.setValue('[data-testid=elicitation-field-color]', 'green');
  await page.click('[data-testid=elicitation-field-subscribe]');
  await page.click('#elicitation-accept');
  await page.waitFor(`!document.getElementById('elicitation-dialog').open`, 'the dialog to close');
  await page.waitFor(`document.getElementById('tool-result').textContent.includes('"name":"Ada"')`, 'the ask_user result');
  check((await page.text('#tool-result')).includes('"age":36,"color":"green","subscribe":true'), 'typed answer content');

  const log = await page.eval(`(() => {
    const rows = [...document.querySelectorAll('#rpc-log .rpc-row')];
    return { send: rows.filter((r) => r.dataset.direction === 'SEND').length, receive: rows.filter((r) => r.dataset.direction === 'RECEIVE').length,
      paired: rows.filter((r) => r.dataset.pairedSeq && r.querySelector('.rpc-latency')).length,
      elicitPair: rows.some((r) => r.dataset.direction === 'SEND' && r.dataset.method === 'elicitation/create' && r.dataset.pairedSeq) };
  })()`);
  check(log.send > 3 && log.receive > 3, `RPC log shows both directions (${log.send} sent, ${log.receive} received)`);
  check(log.paired >= 3, `responses paired with their requests, with latency (${log.paired})`);
  check(log.elicitPair, 'the client answer to elicitation/create is paired with the server request');
  await page.click('#rpc-log .rpc-row summary');
  await page.waitFor(`document.querySelector('#rpc-log .rpc-row .rpc-json').textContent.includes('"jsonrpc": "2.0"')`, 'a row to expand to pretty JSON');

  await page.click('#rpc-pause');
  const shown = await page.eval(`document.querySelectorAll('#rpc-log .rpc-row').length`);
  await page.click('#ping-server');
  await page.waitFor(`document.getElementById('rpc-status').textContent.includes('2 new events held')`, 'events held while paused');
  check(await page.eval(`document.querySelectorAll('#rpc-log .rpc-row').length`) === shown, 'paused log does not grow');
  await page.click('#rpc-pause');
  check(await page.eval(`document.querySelectorAll('#rpc-log .rpc-row').length`) === shown + 2, 'resume shows the held events');

  await page.eval(`(() => { const f = document.getElementById('rpc-filter'); f.value = 'demo'; f.dispatchEvent(new Event('change')); })()`);
  await page.waitFor(`document.querySelectorAll('#rpc-log .rpc-row').length === ${shown + 2}`, 'the filtered stream to replay demo events');

  await page.setValue('#server-id', 'demo');
  await page.setValue('#server-url', 'http://localhost:1/mcp');
  await page.click('#add-server');
  await page.waitFor(`document.querySelector('#message-area .message-error[data-code=server_exists]')`, 'the server_exists problem');
  check((await page.text('#message-area .message-error[data-code=server_exists]')).includes('A server with id "demo" already exists.'), 'problem detail shown with its code');
  await page.eval(`(() => { const t = document.getElementById('server-transport'); t.value = 'stdio'; t.dispatchEvent(new Event('change')); })()`);
  check(await page.eval(`!document.getElementById('stdio-fields').hidden && document.getElementById('http-fields').hidden`), 'stdio fields only for stdio');

  if (screenshot) {
    await page.eval(`(() => { const t = document.getElementById('server-transport'); t.value = 'streamable-http'; t.dispatchEvent(new Event('change')); document.getElementById('server-id').value = ''; document.getElementById('server-url').value = ''; document.querySelector('[data-testid=tool-echo]').click(); })()`);
    const { data } = await page.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
    writeFileSync(screenshot, Buffer.from(data, 'base64'));
    steps.push(`     screenshot written to ${screenshot}`);
  }

  // The session cookie names a session the server no longer knows: the page must say so.
  const origin = `http://localhost:${local.address().port}/`;
  await page.send('Network.deleteCookies', { name: 'sid', url: origin });
  await page.send('Network.setCookie', { name: 'sid', value: 'deadbeef', url: origin, path: '/', httpOnly: true });
  await page.send('Page.reload', {});
  await page.waitFor(`document.body.dataset.state === 'ready' && !document.getElementById('renewed-notice').hidden`, 'the renewed notice');

  // Hosted mode: login, failure detail, logout.
  const hostedPage = await openPage(browser, `http://localhost:${hosted.address().port}/`, problems);
  await hostedPage.waitFor(`document.body.dataset.state === 'login'`, 'the login form');
  check(await hostedPage.eval(`document.getElementById('app').hidden`), 'the app is hidden before login');
  await hostedPage.setValue('#access-key', 'wrong');
  await hostedPage.click('#login-submit');
  await hostedPage.waitFor(`document.querySelector('#message-area .message-error[data-code=unauthenticated]')`, 'the login failure');
  check((await hostedPage.text('#message-area .message-error')).includes('The access key is not valid.'), 'login failure shows the detail');
  await hostedPage.setValue('#access-key', 'alice-key');
  await hostedPage.click('#login-submit');
  await hostedPage.waitFor(`document.body.dataset.state === 'ready'`, 'the app after login');
  check((await hostedPage.text('[data-testid=session-principal]')) === 'Signed in as alice', 'the principal is shown');
  check(await hostedPage.eval(`document.querySelector('#server-transport option[value=stdio]').hidden`), 'stdio not offered in hosted mode');
  await hostedPage.waitFor(`document.getElementById('stream-elicitation').dataset.state === 'live'`, 'streams after login');
  await hostedPage.click('#logout');
  await hostedPage.waitFor(`document.body.dataset.state === 'login'`, 'the login form after logout');
  check(await hostedPage.eval(`document.getElementById('stream-rpc').dataset.state === 'off'`), 'streams closed on logout');
} catch (error) {
  failed = true;
  steps.push(`FAIL ${error.message}`);
} finally {
  browser.proc.kill();
  local.close();
  hosted.close();
  local.closeAllConnections?.();
  hosted.closeAllConnections?.();
}
console.log(steps.join('\n'));
if (problems.length) console.log(`page problems:\n  ${problems.join('\n  ')}`);
process.exit(failed || problems.length ? 1 : 0);
