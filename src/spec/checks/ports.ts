import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { parsePort } from '../port-text.js';
import { serviceEntries } from '../raw.js';
import type { Check } from './context.js';

const wildcard = new Set(['', '0.0.0.0', '[::]']);

export const checkPorts: Check = ({ spec }) => {
  const out: Diagnostic[] = [];
  const published = new Map<string, Publishers>();
  for (const [name, service] of serviceEntries(spec)) {
    (service.ports ?? []).forEach((text, index) => {
      const path: SpecPath = ['services', name, 'ports', index];
      const port = parsePort(text);
      for (const number of [port.host, port.container]) {
        if (number < 1 || number > 65535) out.push(diagnostic('E209', `port ${number} in \`${text}\` is out of range (1-65535)`, { path }));
      }
      const ip = port.hostIp ?? '';
      const key = `${port.host}/${port.protocol}`;
      const publishers = published.get(key) ?? new Publishers();
      const clash = publishers.clashWith(ip);
      if (clash !== undefined) {
        const owner = clash === name ? 'itself' : `\`${clash}\``;
        out.push(diagnostic('E204', `host port ${port.host}/${port.protocol} of \`${name}\` is already published by ${owner}`, { path }));
      }
      publishers.add(ip, name);
      published.set(key, publishers);
    });
  }
  return out;
};

/**
 * The services publishing one host port and protocol, found by address in constant time (a
 * spec may publish the same port on many addresses). A wildcard address clashes with every other.
 */
class Publishers {
  private first: Publisher | undefined;
  private firstWildcard: Publisher | undefined;
  private readonly byIp = new Map<string, Publisher>();
  private count = 0;

  /** The service that published first on an address that clashes with `ip`. */
  clashWith(ip: string): string | undefined {
    if (wildcard.has(ip)) return this.first?.service;
    return earliest(this.byIp.get(ip), this.firstWildcard)?.service;
  }

  add(ip: string, service: string): void {
    const publisher = { service, order: this.count++ };
    this.first ??= publisher;
    if (wildcard.has(ip)) this.firstWildcard ??= publisher;
    else if (!this.byIp.has(ip)) this.byIp.set(ip, publisher);
  }
}

interface Publisher {
  service: string;
  order: number;
}

function earliest(a: Publisher | undefined, b: Publisher | undefined): Publisher | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return a.order < b.order ? a : b;
}
