/**
 * The code of the worker thread that holds PM2's API (CommonJS, run with `eval`). It loads
 * pm2/lib/API.js, the module PM2's own CLI runs on, in a thread whose process.env is the
 * environment `pm2 start` would run with: PM2 reads PM2_HOME, and builds every app's environment,
 * from process.env, and it writes to process.env and keeps its paths in module state. Here all of
 * that stays inside the thread.
 *
 * Messages in: { id, op, args }. Out: { id, result } or { id, error: { message, gone } }, `gone`
 * when no daemon answers: none runs (connect without starting one), or the connection to it is lost.
 * What PM2 prints is kept, not shown: `start` answers with it, as PM2 tells some failures only there.
 */
export const workerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const API = require(workerData.apiPath);
const pm2 = new API({ pm2_home: workerData.home, cwd: workerData.cwd });
const pending = new Set();
let printed = '';
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, done) => {
    printed = (printed + String(chunk)).slice(-4000);
    const callback = typeof encoding === 'function' ? encoding : done;
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  };
}

function reply(id, error, result) {
  if (!pending.delete(id)) return;
  if (!error) return parentPort.postMessage({ id, result });
  const errors = Array.isArray(error) ? error : [error];
  const message = errors.map((e) => String((e && e.message) || e)).join('; ');
  parentPort.postMessage({ id, error: { message, gone: errors.some((e) => e && e.gone === true) } });
}

const gone = () => Object.assign(new Error('no PM2 daemon'), { gone: true });
const socket = () => pm2.Client.client_sock;

/** A call on a lost connection would wait, queued, for a daemon to come back: fail it instead. */
function onDaemon(id, run) {
  if (!socket() || !socket().connected) return reply(id, gone());
  run();
}

function watchConnection() {
  socket().on('reconnect attempt', () => {
    for (const id of [...pending]) reply(id, gone());
  });
}

const ops = {
  connect(id, [startDaemon]) {
    const open = () =>
      pm2.connect((error) => {
        if (error) return reply(id, error);
        watchConnection();
        reply(id, null, true);
      });
    if (startDaemon) return open();
    pm2.Client.pingDaemon((alive) => (alive ? open() : reply(id, gone())));
  },
  list(id) {
    onDaemon(id, () => pm2.list((error, list) => reply(id, error, list)));
  },
  start(id, [file, only]) {
    printed = '';
    onDaemon(id, () =>
      pm2.start(file, { only }, (error, apps) => reply(id, error, { started: (apps || []).map((app) => app.pm2_env && app.pm2_env.name), printed })),
    );
  },
  delete(id, [name]) {
    onDaemon(id, () => pm2.delete(name, (error) => (error && /not found/.test(error.message) ? reply(id, null, false) : reply(id, error, true))));
  },
  ping(id) {
    onDaemon(id, () => pm2.ping((error) => reply(id, error, true)));
  },
  disconnect(id) {
    if (!socket()) return reply(id, null, true);
    pm2.disconnect(() => reply(id, null, true));
  },
};

parentPort.on('message', ({ id, op, args }) => {
  pending.add(id);
  try {
    ops[op](id, args);
  } catch (error) {
    reply(id, error);
  }
});
`;
