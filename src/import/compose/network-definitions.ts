import type { Note } from '../document.js';
import { code } from './context.js';
import { isRecord } from './records.js';
import type { FileWarning } from './summary.js';
import { definedEntries, type Dropped } from './top-level.js';

/** What the spec loses of Compose's networks, each cause said once, naming the services. */
export interface NetworkDefinitions {
  /** Options of the definitions with no cause of their own (driver, ipam, a name, ...). */
  dropped: Dropped[];
  warnings: FileWarning[];
  notes: Note[];
}

type Attachment = [network: string, config: unknown];

const addressKeys = ['ipv4_address', 'ipv6_address'] as const;

/**
 * orchgen has one network per project, so the meaning of named networks is lost; three causes change
 * what a service can reach and are said on their own: an internal network (no way out of the host),
 * an external one (made outside the project, as a reverse proxy's), and fixed addresses.
 */
export function convertNetworkDefinitions(definitions: unknown, services: Record<string, unknown>): NetworkDefinitions {
  const out: NetworkDefinitions = { dropped: [], warnings: [], notes: [] };
  const attached = attachments(services);
  const defined = isRecord(definitions) ? definitions : {};
  const internal = Object.keys(defined).filter((n) => isRecord(defined[n]) && defined[n].internal === true);
  const external = Object.keys(defined).filter((n) => isRecord(defined[n]) && defined[n].external !== undefined && defined[n].external !== false);
  cause(out, internal, attached, 'internal', 'internal networks', 'orchgen puts every container on the project network, which is not internal: these services can now reach outside the host, and every container of the project can reach them');
  cause(out, external, attached, 'external', 'external networks', 'the services no longer join a network made outside the project, so the containers on it (a reverse proxy, another project) cannot reach them by name');
  fixedAddresses(out, services);
  out.dropped = definedEntries('networks', definitions)
    .map((d) => ({ ...d, value: isRecord(d.value) ? withoutCauses(d.value) : d.value }))
    .filter((d) => !(isRecord(d.value) && Object.keys(d.value).length === 0));
  return out;
}

/** One warning for the networks of one cause: each with the services on it. */
function cause(out: NetworkDefinitions, networks: readonly string[], attached: ReadonlyMap<string, string[]>, key: string, what: string, why: string): void {
  if (networks.length === 0) return;
  const listed = networks.map((n) => `${code(n)}: ${(attached.get(n) ?? []).map(code).join(', ') || 'no service'}`).join('; ');
  out.warnings.push({ code: 'W205', message: `${what} dropped (${listed}): ${why}`, path: ['networks', networks[0]!, key] });
  out.notes.push({ path: [], text: `dropped ${what} (${listed.replace(/`/g, '')}): ${why}` });
}

function fixedAddresses(out: NetworkDefinitions, services: Record<string, unknown>): void {
  const fixed: Array<{ service: string; network: string; key: string; address: string }> = [];
  for (const [service, body] of Object.entries(services)) {
    for (const [network, config] of attachmentsOf(body)) {
      for (const key of addressKeys) if (isRecord(config) && config[key] !== undefined) fixed.push({ service, network, key, address: String(config[key]) });
    }
  }
  if (fixed.length === 0) return;
  const listed = fixed.map((f) => `${code(f.service)}: ${f.address} on ${code(f.network)}`).join('; ');
  const why = "on orchgen's project network the engine picks each container's address: reach each service by its name instead, wherever these addresses are written (env values, config files)";
  const first = fixed[0]!;
  out.warnings.push({ code: 'W205', message: `fixed addresses dropped (${listed}): ${why}`, path: ['services', first.service, 'networks', first.network, first.key] });
  out.notes.push({ path: [], text: `dropped fixed addresses (${listed.replace(/`/g, '')}): ${why}` });
}

/** The networks each service is on, by network, in file order: `default` when it names none. */
function attachments(services: Record<string, unknown>): Map<string, string[]> {
  const byNetwork = new Map<string, string[]>();
  for (const [service, body] of Object.entries(services)) {
    for (const [network] of attachmentsOf(body)) byNetwork.set(network, [...(byNetwork.get(network) ?? []), service]);
  }
  return byNetwork;
}

function attachmentsOf(service: unknown): Attachment[] {
  if (!isRecord(service) || service.network_mode !== undefined) return [];
  const networks = service.networks;
  if (Array.isArray(networks)) return networks.map((n): Attachment => [String(n), null]);
  if (isRecord(networks)) return Object.entries(networks);
  return [['default', null]];
}

/** A definition without what a cause of its own reports: `internal`, and an external network's `external` and `name`. */
function withoutCauses(definition: Record<string, unknown>): Record<string, unknown> {
  const external = definition.external !== undefined && definition.external !== false;
  return Object.fromEntries(Object.entries(definition).filter(([key]) => key !== 'internal' && key !== 'external' && !(external && key === 'name')));
}
