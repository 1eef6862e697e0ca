import type { SpecPath } from '../diagnostic.js';
import { diagnostic, type Diagnostic } from '../diagnostic.js';
import { parsePort } from '../../model/ports.js';
import { serviceEntries } from '../raw.js';
import type { Check } from './context.js';

const wildcard = new Set(['', '0.0.0.0', '[::]']);

export const checkPorts: Check = ({ spec }) => {
  const out: Diagnostic[] = [];
  const seen: Array<{ service: string; ip: string; port: number; protocol: string }> = [];
  for (const [name, service] of serviceEntries(spec)) {
    (service.ports ?? []).forEach((text, index) => {
      const path: SpecPath = ['services', name, 'ports', index];
      const port = parsePort(text);
      for (const number of [port.host, port.container]) {
        if (number < 1 || number > 65535) out.push(diagnostic('E209', `port ${number} in \`${text}\` is out of range (1-65535)`, { path }));
      }
      const ip = port.hostIp ?? '';
      const clash = seen.find((s) => s.port === port.host && s.protocol === port.protocol && (s.ip === ip || wildcard.has(s.ip) || wildcard.has(ip)));
      if (clash) {
        const owner = clash.service === name ? 'itself' : `\`${clash.service}\``;
        out.push(diagnostic('E204', `host port ${port.host}/${port.protocol} of \`${name}\` is already published by ${owner}`, { path }));
      }
      seen.push({ service: name, ip, port: port.host, protocol: port.protocol });
    });
  }
  return out;
};
