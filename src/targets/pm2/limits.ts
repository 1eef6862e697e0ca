import type { Service } from '../../model/types.js';
import { diagnostic, type Diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';

/** A service as it is placed in an artifact: the service itself or a fallback variant, with its spec path. */
export interface Placed {
  service: Service;
  where: SpecPath;
}

/** A setting PM2 cannot express: one W103 and one header note per kind, naming every service it affects. */
interface Limit {
  /** What the service asks for, or undefined when PM2 can do it. */
  asks(service: Service): string | undefined;
  /** Where the setting is written, under the service's path. */
  key: (service: Service) => string[];
  warning: string;
  note: (asked: string) => string;
}

const limits: Limit[] = [
  {
    asks: waitsFor,
    key: (s) => [s.dependsOn.length > 0 ? 'depends_on' : 'health'],
    warning: 'pm2 has no dependency ordering and no health checks: it starts apps in file order (dependency waves) and waits for none, and `pm2 stop`/`pm2 delete` of the file stop them in that order, dependencies first',
    note: () => 'PM2 starts the apps in file order (dependency waves) but waits for nothing and runs no health checks, and `pm2 stop` or `pm2 delete` of this file stops them in that same order, dependencies first; `orchgen up` starts each app once its own dependencies are ready, and `orchgen down` stops them in reverse.',
  },
  {
    asks: (s) => (s.kind === 'process' && s.stop.signal !== 'SIGINT' ? s.stop.signal : undefined),
    key: () => ['stop', 'signal'],
    warning: 'pm2 has no per-app stop signal: it sends SIGINT, or its daemon\'s PM2_KILL_SIGNAL, to every app',
    note: (asked) => `PM2 stops every app with SIGINT unless its daemon was started with PM2_KILL_SIGNAL set; these apps ask for another: ${asked}.`,
  },
  {
    asks: (s) => (s.kind === 'process' && s.resources.cpus !== undefined ? `${s.resources.cpus} CPUs` : undefined),
    key: () => ['resources', 'cpus'],
    warning: 'pm2 cannot limit the CPU of a process',
    note: (asked) => `PM2 cannot limit CPU: these processes run without their CPU limit: ${asked}.`,
  },
  {
    asks: (s) => (s.restart.policy !== 'no' && s.restart.backoff === 'exponential' ? `doubling up to ${s.restart.maxDelayMs} ms` : undefined),
    key: () => ['restart', 'backoff'],
    warning: 'pm2\'s exponential backoff grows by half each time, up to 15 s, not doubling up to `max_delay`',
    note: (asked) => `PM2's exponential backoff grows by half up to 15 s and resets after 30 s of uptime; asked: ${asked}.`,
  },
];

/** What a service waits for or is checked by: dependencies with their conditions, its own health check. */
function waitsFor(service: Service): string | undefined {
  const waits = [...service.dependsOn.map((d) => `${d.name} ${d.condition}`), ...(service.health ? ['health check'] : [])];
  return waits.length > 0 ? waits.join(', ') : undefined;
}

export function limitFindings(placed: readonly Placed[]): { diagnostics: Diagnostic[]; notes: string[] } {
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  for (const limit of limits) {
    const hits = placed.flatMap(({ service, where }) => {
      const asked = limit.asks(service);
      return asked === undefined ? [] : [{ asked, service: service.name, path: [...where, ...limit.key(service)] }];
    });
    if (hits.length === 0) continue;
    const services = unique(hits.map((hit) => `\`${hit.service}\``)).join(', ');
    diagnostics.push(diagnostic('W103', `${limit.warning} (${services})`, { path: hits[0]!.path }));
    notes.push(limit.note(byRequest(hits)));
  }
  return { diagnostics, notes };
}

/** "SIGTERM (api, web); SIGQUIT (db)": each distinct request with the services that make it. */
function byRequest(hits: ReadonlyArray<{ asked: string; service: string }>): string {
  const groups = new Map<string, Set<string>>();
  for (const { asked, service } of hits) {
    const names = groups.get(asked) ?? new Set<string>();
    names.add(service);
    groups.set(asked, names);
  }
  return [...groups].map(([asked, names]) => `${asked} (${[...names].join(', ')})`).join('; ');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
