import { readFileSync } from 'node:fs';
import type { SupervisordServer } from './xmlrpc-transport.js';

/**
 * Where supervisorctl would reach the supervisord of a conf: its [supervisorctl] serverurl (with
 * username and password), else its [unix_http_server] socket, else its [inet_http_server] port.
 */
export function serverOfConf(conf: string): SupervisordServer {
  const sections = sectionsOf(readFileSync(conf, 'utf8'));
  const ctl = sections.get('supervisorctl') ?? {};
  const unix = sections.get('unix_http_server');
  const inet = sections.get('inet_http_server');
  const url = ctl.serverurl ?? (unix?.file ? `unix://${unix.file}` : inet?.port ? `http://${localOf(inet.port)}` : 'http://127.0.0.1:9001');
  const credentials = ctl.username !== undefined ? ctl : url.startsWith('unix://') ? (unix ?? {}) : (inet ?? {});
  return {
    url,
    ...(credentials.username !== undefined ? { username: credentials.username } : {}),
    ...(credentials.password !== undefined ? { password: credentials.password } : {}),
  };
}

/** `port=9001` or `port=*:9001` listens everywhere: reach it on the loopback address. */
function localOf(port: string): string {
  return /^(\*|0\.0\.0\.0)?:?\d+$/.test(port) ? `127.0.0.1:${port.split(':').pop()}` : port;
}

function sectionsOf(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      current = {};
      sections.set(header[1]!.trim(), current);
      continue;
    }
    const entry = /^([A-Za-z_]+)\s*=\s*(.*?)\s*(?:\s[;#].*)?$/.exec(line);
    if (entry && current) current[entry[1]!] = entry[2]!;
  }
  return sections;
}
