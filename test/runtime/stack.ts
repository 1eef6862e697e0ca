import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/ports.js';

export const serverScript = new URL('./fixtures/server.py', import.meta.url).pathname;

export interface StackService {
  name: string;
  delay: number;
  dependsOn?: string[];
  essential?: boolean;
  failUnless?: string;
  neverReady?: boolean;
}

export interface Stack {
  dir: string;
  spec: string;
  stamps: string;
  ports: Record<string, number>;
}

export { freePort };

/**
 * Writes an orchgen.yaml of local HTTP servers into `dir`: test/runtime/fixtures/server.py run by
 * `python`, or, with `python` = 'busybox', the same behaviour as a busybox container.
 */
export async function writeStack(dir: string, project: string, python: string, services: StackService[], extra = ''): Promise<Stack> {
  const stamps = join(dir, 'stamps');
  mkdirSync(stamps, { recursive: true });
  const ports: Record<string, number> = {};
  for (const s of services) ports[s.name] = await freePort();
  const lines = ['version: 1', `project: ${project}`, 'defaults:', '  restart: {policy: on-failure, delay: 1s}', '  stop: {timeout: 3s}', 'services:'];
  for (const s of services) {
    lines.push(`  ${s.name}:`, ...(python === 'busybox' ? busyboxService(s, ports[s.name]!, stamps) : [`    command: ${JSON.stringify(serverArgv(python, s, ports[s.name]!, stamps))}`]));
    if (s.essential === false) lines.push('    essential: false');
    if (s.dependsOn?.length) lines.push(`    depends_on: ${JSON.stringify(s.dependsOn)}`);
    lines.push('    health:', `      http: http://127.0.0.1:${ports[s.name]}/health`, '      interval: 1s', '      timeout: 1s', '      retries: 3');
    if (s.failUnless) {
      lines.push('    fallbacks:', '      - name: single-gpu', '        when: {log: "NCCL|unhandled system error"}', `        set: {env: {${s.failUnless}: "1"}}`);
    }
  }
  const spec = join(dir, 'orchgen.yaml');
  writeFileSync(spec, `${lines.join('\n')}\n${extra}`);
  return { dir, spec, stamps, ports };
}

/** The times (seconds since the epoch) a service recorded for `kind` (start or ready). */
export function stampsOf(stack: Stack, name: string, kind: 'start' | 'ready'): number[] {
  const file = join(stack.stamps, `${name}.${kind}`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
}

function serverArgv(python: string, s: StackService, port: number, stamps: string): string[] {
  const argv = [python, serverScript, '--name', s.name, '--port', String(port), '--delay', String(s.delay), '--stamps', stamps];
  if (s.failUnless) argv.push('--fail-unless', s.failUnless);
  if (s.neverReady) argv.push('--never-ready');
  return argv;
}

/** The server as a busybox container; stamps are the kernel's uptime, the same clock in every container. */
function busyboxService(s: StackService, port: number, stamps: string): string[] {
  const stamp = (kind: string) => `read up rest < /proc/uptime; echo "$up" >> ${stamps}/${s.name}.${kind}`;
  const steps = [stamp('start'), `echo "${s.name}: starting"`];
  if (s.failUnless) steps.push(`[ -n "$${s.failUnless}" ] || { echo "NCCL error: unhandled system error"; exit 1; }`);
  steps.push(`sleep ${s.delay}`);
  if (s.neverReady) steps.push('exec sleep 100000');
  steps.push('mkdir -p /tmp/www', 'echo ok > /tmp/www/health', stamp('ready'), `echo "${s.name}: ready on ${port}"`, `exec httpd -f -p 127.0.0.1:${port} -h /tmp/www`);
  return ['    image: orchgen-test/busybox:1', `    command: ${JSON.stringify(['sh', '-c', steps.join('; ')])}`, `    volumes: [${JSON.stringify(`${stamps}:${stamps}`)}]`];
}
