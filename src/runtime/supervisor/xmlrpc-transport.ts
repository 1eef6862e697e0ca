import { request, type RequestOptions } from 'node:http';
import { SupervisordGone, SupervisordProtocolError, SupervisordTimeout } from './xmlrpc-errors.js';

/** Where supervisord listens, written as supervisorctl's `serverurl`: `unix:///path/to.sock` or `http://host:port`. */
export interface SupervisordServer {
  url: string;
  /** The `username`/`password` of its [unix_http_server] or [inet_http_server], when it has them. */
  username?: string;
  password?: string;
}

/** The errors of a connection that find no daemon: a missing socket file, nobody listening, or a daemon gone mid-call. */
const NO_DAEMON = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/** POSTs one XML-RPC body to supervisord's /RPC2 and resolves to the response body. */
export function postRpc(server: SupervisordServer, method: string, body: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ ...endpointOf(server.url), path: '/RPC2', method: 'POST', agent: false, headers: headersOf(server, body) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        if (res.statusCode !== 200) reject(new SupervisordProtocolError(`supervisord: ${method} answered HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()));
        else resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
    const timer = setTimeout(() => {
      const timeout = new SupervisordTimeout(method, timeoutMs);
      reject(timeout);
      req.destroy(timeout);
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code !== undefined && NO_DAEMON.has(error.code) ? new SupervisordGone(server.url, error) : error);
    });
    req.end(body);
  });
}

function endpointOf(url: string): Pick<RequestOptions, 'socketPath' | 'host' | 'port'> {
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') throw new TypeError(`supervisord server URL must be unix:///path or http://host:port, not ${url}`);
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(parsed.port || 80) };
}

function headersOf(server: SupervisordServer, body: string): Record<string, string | number> {
  const headers: Record<string, string | number> = { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) };
  if (server.username !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${server.username}:${server.password ?? ''}`).toString('base64')}`;
  }
  return headers;
}
