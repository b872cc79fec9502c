// The small part of the Chrome DevTools protocol the browser checks use, over Node's built-in fetch and
// WebSocket (behind --experimental-websocket): find the page, send commands, collect what the page did wrong.

// The WebSocket URL of the browser's page, waiting while Chromium starts; calls fail() if none comes.
export async function pageSocketUrl(devtoolsPort, fail, waitMs = 60_000) {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    try {
      const targets = await (await fetch(`http://127.0.0.1:${devtoolsPort}/json/list`)).json();
      const page = targets.find((t) => t.type === 'page');
      if (page) return page.webSocketDebuggerUrl;
    } catch {
      // Chromium is still starting.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`no page on the DevTools port ${devtoolsPort}`);
}

// Connects to a page; onEvent sees every message that answers no command (events).
export function connect(url, onEvent = () => {}) {
  const socket = new WebSocket(url);
  let nextId = 1;
  const pending = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    const waiter = pending.get(message.id);
    if (waiter) {
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    } else {
      onEvent(message);
    }
  });
  const opened = new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  return { opened, send, close: () => socket.close() };
}

// Collects exceptions, console messages of the given levels and requests that leave the machine (anything
// but file: and data: URLs), once start() is called: Runtime.enable replays what the tab logged before.
export function pageProblems(consoleLevels = ['error']) {
  const problems = [];
  let collecting = false;
  const onEvent = (message) => {
    if (!collecting) return;
    if (message.method === 'Runtime.exceptionThrown') {
      const details = message.params.exceptionDetails;
      problems.push(`exception: ${details.exception?.description ?? details.text}`);
    } else if (message.method === 'Runtime.consoleAPICalled' && consoleLevels.includes(message.params.type)) {
      problems.push(`console ${message.params.type}: ${message.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    } else if (message.method === 'Network.requestWillBeSent') {
      const url = message.params.request.url;
      if (!url.startsWith('file:') && !url.startsWith('data:')) problems.push(`network request: ${url}`);
    }
  };
  return { problems, onEvent, start: () => { collecting = true; } };
}

// Evaluates an expression in the page and returns its value; calls fail() if the page's script throws.
export async function evaluate(send, expression, fail) {
  const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (exceptionDetails) fail(`page script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}
