import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MonitorState } from '../state.js';
import { listenProblem, refusal } from './auth.js';
import { routes, type MonitorActions, type Reply } from './routes.js';

export interface ApiServer {
  /** http://host:port/ as it listens (the port the system gave, when the spec asked for 0). */
  url: string;
  close(): Promise<void>;
}

/** Serves the monitor's REST API and metrics where `monitor.listen` says; refuses to listen beyond loopback without a token. */
export async function serveApi(state: MonitorState, actions: MonitorActions, token: string | undefined): Promise<ApiServer> {
  const settings = state.model.monitor;
  const problem = listenProblem(settings, token);
  if (problem !== undefined) throw new Error(problem);
  const server = createServer((request, response) => {
    answer(request, state, actions, token).then(
      (reply) => send(response, reply),
      (error: unknown) => send(response, { status: 500, body: { error: error instanceof Error ? error.message : String(error) } }),
    );
  });
  await listen(server, settings.listen.host, settings.listen.port);
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/`,
    close: () => closeNow(server),
  };
}

async function answer(request: IncomingMessage, state: MonitorState, actions: MonitorActions, token: string | undefined): Promise<Reply> {
  const url = new URL(request.url ?? '/', 'http://monitor');
  const matching = routes.filter((route) => route.pattern.test(url.pathname));
  if (matching.length === 0) return { status: 404, body: { error: `no such path: ${url.pathname}` } };
  const route = matching.find((r) => r.method === request.method);
  if (!route) return { status: 405, body: { error: `${request.method} is not allowed here` }, headers: { Allow: matching.map((r) => r.method).join(', ') } };
  const refused = route.open ? undefined : refusal(request, state.model.monitor, token);
  if (refused) return { status: refused.status, body: { error: refused.error }, ...(refused.headers ? { headers: refused.headers } : {}) };
  request.resume();
  return route.handle(state, actions, url.pathname.match(route.pattern)!, url.searchParams);
}

function send(response: ServerResponse, reply: Reply): void {
  const text = reply.contentType ? String(reply.body) : `${JSON.stringify(reply.body, null, 2)}\n`;
  response.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', 'Cache-Control': 'no-store', ...reply.headers });
  response.end(text);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops listening and ends every connection: a browser's pooled keep-alive socket must not hold the monitor open. */
function closeNow(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
