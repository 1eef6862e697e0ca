import type { Command, Health, HealthCheck } from '../../model/types.js';
import { shellJoin, shellQuote } from './shell.js';

/**
 * One health probe as a POSIX sh script that exits 0 when the service is healthy. Images often
 * lack curl, wget and nc (ollama, qdrant, MinIO), so it uses the first of curl, wget, bash (its
 * /dev/tcp) and python3 that the host or image has, and says so on stderr when there is none.
 * busybox's wget has no timeout option and its nc no -z, so those run without them (whoever runs
 * the probe bounds its time).
 */
export function probeScript(check: HealthCheck, timeoutMs: number): string {
  const seconds = probeSeconds(timeoutMs);
  switch (check.kind) {
    case 'http':
      return firstAvailable(httpProbes(check.url, check.status, seconds), `check ${check.url}`);
    case 'tcp':
      return firstAvailable(tcpProbes(check.host, check.port, seconds), `connect to ${check.host}:${check.port}`);
    case 'exec':
      return `timeout ${seconds} ${commandScript(check.command)}`;
  }
}

/** A probe's timeout in whole seconds, at least one: what its tools take. */
function probeSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000));
}

type Probes = Array<[tool: string, script: string]>;

function httpProbes(url: string, status: number, seconds: number): Probes {
  const quoted = shellQuote(url);
  const probes: Probes = [
    ['curl', `[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time ${seconds} ${quoted})" = ${status} ]`],
    ['wget', `wget -q -O /dev/null ${quoted}`],
  ];
  const plain = /^http:\/\/(\[[^\]]*\]|[^/?#:@]+)(?::([0-9]+))?([^#]*)/i.exec(url);
  if (plain) {
    const [, host, port, rest] = plain as unknown as [string, string, string | undefined, string];
    const path = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
    const request = `exec 3<>"/dev/tcp/$1/$2" && printf 'GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n' "$3" "$1" >&3 && read -r _ code _ <&3 && [ "$code" = "$4" ]`;
    probes.push(['bash', `bash -c ${shellQuote(request)} _ ${shellJoin([host.replace(/^\[|\]$/g, ''), port ?? '80', path, String(status)])} 2>/dev/null`]);
  }
  const python = 'import http.client as h,sys,urllib.parse as p;u=p.urlsplit(sys.argv[1]);c=(h.HTTPSConnection if u.scheme=="https" else h.HTTPConnection)(u.hostname,u.port,timeout=float(sys.argv[2]));c.request("GET",(u.path or "/")+("?"+u.query if u.query else ""));sys.exit(c.getresponse().status!=int(sys.argv[3]))';
  probes.push(['python3', `python3 -c ${shellQuote(python)} ${quoted} ${seconds} ${status} 2>/dev/null`]);
  return probes;
}

function tcpProbes(host: string, port: number, seconds: number): Probes {
  const target = `${shellQuote(host)} ${port}`;
  const bare = shellQuote(host.replace(/^\[|\]$/g, ''));
  const python = 'import socket,sys;socket.create_connection((sys.argv[1],int(sys.argv[2])),float(sys.argv[3])).close()';
  return [
    ['nc', `{ nc -z -w ${seconds} ${target} 2>/dev/null || nc -w ${seconds} ${target} </dev/null; }`],
    ['bash', `bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ ${bare} ${port} 2>/dev/null`],
    ['python3', `python3 -c ${shellQuote(python)} ${bare} ${port} ${seconds} 2>/dev/null`],
  ];
}

/** `if command -v A ...; then A's probe; elif ...; else` a message naming what is missing, and failure. */
function firstAvailable(probes: Probes, what: string): string {
  const branches = probes.map(([tool, script], index) => `${index === 0 ? 'if' : 'elif'} command -v ${tool} >/dev/null 2>&1; then ${script}; `);
  const tools = probes.map(([tool]) => tool);
  const missing = `no ${tools.slice(0, -1).join(', ')} or ${tools.at(-1)} here to ${what}`;
  return `${branches.join('')}else echo ${shellQuote(missing)} >&2; exit 1; fi`;
}

/**
 * A loop that returns once the probe passes; whoever runs it bounds how long it may take. Each probe
 * is bounded by the check's timeout (`timeout`, of coreutils or busybox, on the host that runs the
 * loop; an exec check has it already): wget and bash's /dev/tcp have no bound of their own, and a probe that hangs would otherwise
 * use up the whole wait. Given the name of a variable holding the service's pid, it gives up as soon
 * as that process is gone.
 */
export function readinessWait(health: Health, pidVariable?: string): string {
  const alive = pidVariable ? `kill -0 "$${pidVariable}" 2>/dev/null || exit 1; ` : '';
  const probe = probeScript(health.check, health.timeoutMs);
  const bounded = health.check.kind === 'exec' ? probe : `timeout ${probeSeconds(health.timeoutMs)} sh -c ${shellQuote(probe)}`;
  return `until ${bounded}; do ${alive}sleep 0.25; done`;
}

/** How long a service may take to become healthy: the grace period, then every retry. */
export function readinessBudgetMs(health: Health): number {
  return health.startPeriodMs + health.retries * (health.intervalMs + health.timeoutMs);
}

export function commandScript(command: Command): string {
  return command.kind === 'shell' ? `sh -c ${shellQuote(command.script)}` : shellJoin(command.argv);
}
