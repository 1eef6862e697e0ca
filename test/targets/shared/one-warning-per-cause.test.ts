/**
 * A cause that recurs across services is one build warning naming them all (each file's header still
 * says what concerns it); found once, it keeps its own message.
 */
import { describe, expect, it } from 'vitest';
import { renderTargets } from '../../../src/pipeline/render.js';
import { compileText } from '../../../src/pipeline/compile.js';
import type { TargetName } from '../../../src/model/types.js';

const yaml = `${[
  'version: 1',
  'project: demo',
  'services:',
  '  db:',
  '    image: busybox',
  '    command: [httpd, -f, -p, "5432"]',
  '    ports: ["5432:5432"]',
  '    restart: always',
  '    health: { tcp: "127.0.0.1:5432" }',
  '  cache:',
  '    image: busybox',
  '    command: [httpd, -f, -p, "6379"]',
  '    ports: ["6379:6379"]',
  '    restart: always',
  '    health: { tcp: "127.0.0.1:6379" }',
  '  api:',
  '    image: busybox',
  '    command: [sleep, "3600"]',
  '    restart: always',
  '    depends_on: { db: started, cache: started }',
  '  worker:',
  '    image: busybox',
  '    command: [sleep, "3600"]',
  '    restart: always',
  '    depends_on: { db: started }',
].join('\n')}\n`;

function warnings(target: TargetName): string[] {
  const compiled = compileText('/stack/orchgen.yaml', yaml, [target]);
  const rendered = renderTargets({ model: compiled.model!, plan: compiled.plan! }, [target], { specFile: '/stack/orchgen.yaml', outDir: '/stack/out' });
  return rendered.diagnostics.map((d) => `${d.path.join('.')} ${d.message}`);
}

describe('one warning per cause', () => {
  it('systemd: every `started` dependency waited for until healthy, in one warning', () => {
    expect(warnings('systemd')).toEqual([
      'services.api.depends_on.db systemd: services wait for a dependency to be healthy, not just started (`depends_on`): After= waits for the whole start job, and its readiness wait (ExecStartPost=) is part of its start job: `db` (for `api`, `worker`), `cache` (for `api`)',
    ]);
  });

  it('Kubernetes: every `started` dependency it cannot wait for, in one warning', () => {
    expect(warnings('k8s')).toEqual([
      'services.api.depends_on.db k8s cannot make services wait for a dependency to be started only (`depends_on`): each answers only once healthy (its Service forwards to ready pods only), and `started` must not wait for that: `db` (for `api`, `worker`), `cache` (for `api`); Kubernetes starts them side by side',
    ]);
  });

  it('Compose: every health check the engine does not restart on, in one warning', () => {
    expect(warnings('compose')).toEqual([
      'services.db.health compose cannot restart 2 services when their health check fails (`health`): `db`, `cache`; the engine only marks them unhealthy (`orchgen up` restarts them)',
    ]);
  });
});
