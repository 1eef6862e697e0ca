import { expect, test } from 'vitest';
import { renderTargets } from '../../src/pipeline/render.js';
import { compileText, planOf } from '../../src/pipeline/compile.js';
import { type Model } from '../../src/model/types.js';
import { targetNames, targets } from '../../src/targets/all.js';
import { parseSpecText } from '../../src/spec/load.js';
import { schemaDiagnostics } from '../../src/spec/schema-diagnostics.js';
import { schemaErrors } from '../../src/spec/schema.js';
import { validateSpec } from '../../src/spec/validate.js';

/**
 * N services with what makes one service's output depend on others: dependencies of every
 * condition, jobs others wait for, shared and own volumes, published ports, fallbacks.
 */
function stack(n: number): string {
  const lines = ['version: 1', 'project: scale', 'services:'];
  for (let i = 0; i < n; i++) {
    const job = i % 10 === 3;
    lines.push(`  s${i}:`, '    image: ghcr.io/acme/app:1');
    if (job) lines.push('    command: [migrate]');
    else lines.push(`    ports: ["${20000 + i}:8080"]`, `    health: { http: "http://127.0.0.1:${20000 + i}/health" }`);
    lines.push(`    volumes: ["shared-${i % 7}:/shared", "own-${i}:/data"]`);
    if (i > 0) lines.push(`    depends_on: { ${dependencies(i).join(', ')} }`);
    if (i % 4 === 0) lines.push('    fallbacks:', '      - name: small', '        set: { env: { MODE: small }, volumes: ["spare-' + i + ':/data"] }');
  }
  return `${lines.join('\n')}\n`;
}

function dependencies(i: number): string[] {
  const previous = i - 1;
  const condition = previous % 10 === 3 ? 'completed' : 'healthy';
  const deps = [`s${previous}: ${condition}`];
  if (i >= 10 && (i - 10) % 10 !== 3) deps.push(`s${i - 10}: started`);
  return deps;
}

/** The same objects, each counting the reads of its properties into one total. */
function counted<T extends object>(objects: readonly T[]): { objects: T[]; reads: () => number } {
  let reads = 0;
  const handler: ProxyHandler<T> = {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver);
    },
  };
  return { objects: objects.map((o) => new Proxy(o, handler)), reads: () => reads };
}

/** Reads of the services' properties while planning and rendering every target. */
function renderReads(n: number): number {
  const compiled = compileText('/stack/orchgen.yaml', stack(n), targetNames);
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const services = counted(compiled.model.services);
  const model: Model = { ...compiled.model, services: services.objects };
  renderTargets({ model, plan: planOf(model) }, targetNames, { specFile: '/stack/orchgen.yaml', outDir: '/stack/out' });
  return services.reads();
}

/** Reads of the spec's services while validating it. */
function validateReads(n: number): number {
  const data = compileText('/stack/orchgen.yaml', stack(n), targetNames).parsed!.data as { services: Record<string, object> };
  const names = Object.keys(data.services);
  const services = counted(Object.values(data.services));
  validateSpec({ ...data, services: Object.fromEntries(names.map((name, i) => [name, services.objects[i]])) }, { targets: targetNames, runners: targets });
  return services.reads();
}

/** Reads of the schema's errors while turning them into diagnostics, for N services each with two wrong values under an anyOf. */
function schemaDiagnosticReads(n: number): number {
  const lines = ['version: 1', 'project: scale', 'services:'];
  for (let i = 0; i < n; i++) lines.push(`  s${i}:`, '    image: ghcr.io/acme/app:1', '    env: { A: [1, 2] }', '    depends_on: 5');
  const data = parseSpecText('orchgen.yaml', `${lines.join('\n')}\n`).spec!.data;
  const errors = counted(schemaErrors(data));
  expect(schemaDiagnostics(errors.objects, data)).toHaveLength(2 * n);
  return errors.reads();
}

// Work that grows with the services reads each service a bounded number of times: 4× the services
// make about 4× the reads. A step that looks at every service for each service makes 16×.
test('planning and rendering every target read each service a bounded number of times', () => {
  expect(renderReads(800) / renderReads(200)).toBeLessThan(4.5);
});

test('validating reads each service a bounded number of times', () => {
  expect(validateReads(800) / validateReads(200)).toBeLessThan(4.5);
});

test('a spec with thousands of schema errors gets its diagnostics without comparing every error with every other', () => {
  expect(schemaDiagnosticReads(800) / schemaDiagnosticReads(200)).toBeLessThan(4.5);
});
