import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../../src/model/types.js';
import { k8sContext } from '../../../src/targets/k8s/context.js';
import { serviceObjectsOf } from '../../../src/targets/k8s/objects.js';
import { variantScope } from '../../../src/targets/k8s/scope.js';
import { describeWithTool, tempDir, type TempDir } from '../../support/tools.js';
import { objectProblems } from './schema.js';
import { buildInto, documents, examples, hasKubectl, kustomize, overlayDirs, readExample, readFixture, type Built } from './support.js';

type Obj = Record<string, any>;

const idOf = (o: Obj) => `${o.kind}/${o.metadata.name}`;
const sorted = (list: Obj[]) => [...list].sort((a, b) => idOf(a).localeCompare(idOf(b)));

/** An object as kustomize gives it back, without the namespace it adds. */
function withoutNamespace(o: Obj): Obj {
  const copy = structuredClone(o);
  delete copy.metadata.namespace;
  return copy;
}

/** The objects a fallback's variant has, rendered directly (not through a patch). */
function variantObjects(model: Model, service: string, index: number): Obj[] {
  const services = model.services.filter((s) => s.targets.includes('k8s'));
  const ctx = k8sContext(model, services);
  const objects = serviceObjectsOf(variantScope(ctx, services.find((s) => s.name === service)!, index), services.find((s) => s.name === service));
  return [objects.workload, ...(objects.service ? [objects.service] : [])];
}

const stacks: Array<[string, () => string]> = [
  ['fixture small.yaml', () => readFixture('small.yaml')],
  ['fixture full.yaml', () => readFixture('full.yaml')],
  ...examples().map((name): [string, () => string] => [`example ${name}`, () => readExample(name)]),
];

await describeWithTool('kubectl kustomize builds the base and every overlay', hasKubectl, () => {
  for (const [label, read] of stacks) {
    describe(label, () => {
      let dir: TempDir;
      let built: Built;
      let base: Obj[] = [];

      beforeAll(async () => {
        dir = await tempDir('orchgen-k8s-');
        built = buildInto(read(), dir.path);
      });
      afterAll(() => dir?.cleanup());

      const onK8s = () => built.model.services.filter((s) => s.targets.includes('k8s'));

      it('builds the base into valid objects, as written', async () => {
        if (onK8s().length === 0) return expect([...built.files.keys()].some((p) => p.startsWith('k8s/'))).toBe(false);
        const result = await kustomize(join(dir.path, 'k8s'));
        expect(result.stderr).toBe('');
        expect(result.ok).toBe(true);
        base = result.objects as Obj[];
        for (const object of base) expect(objectProblems(object), idOf(object)).toEqual([]);
        const namespace = built.model.settings.k8s.namespace;
        for (const object of base.filter((o) => o.kind !== 'Namespace')) expect(object.metadata.namespace, idOf(object)).toBe(namespace);
        const written = [...built.files]
          .filter(([path]) => /^k8s\/base\/.*\.yaml$/.test(path) && !path.endsWith('kustomization.yaml'))
          .flatMap(([, text]) => documents(text) as Obj[]);
        expect(sorted(base.map(withoutNamespace))).toEqual(sorted(written));
      });

      it('builds every overlay into the base with the variant in place of the service', async () => {
        const overlays = overlayDirs(built.files.keys());
        expect(overlays).toHaveLength(onK8s().reduce((n, s) => n + s.fallbacks.length, 0));
        for (const service of onK8s()) {
          for (const [index, fallback] of service.fallbacks.entries()) {
            const overlay = `fallbacks/${service.name}-${fallback.name}`;
            const result = await kustomize(join(dir.path, 'k8s', overlay));
            expect(result.stderr, overlay).toBe('');
            expect(result.ok, overlay).toBe(true);
            const objects = result.objects as Obj[];
            for (const object of objects) expect(objectProblems(object), `${overlay}: ${idOf(object)}`).toEqual([]);
            const variant = variantObjects(built.model, service.name, index);
            const mine = new Set([`Deployment/${service.name}`, `Job/${service.name}`, `Service/${service.name}`]);
            expect(sorted(objects.filter((o) => mine.has(idOf(o))).map(withoutNamespace)), overlay).toEqual(sorted(variant));
            const unchanged = (list: Obj[]) => list.filter((o) => !mine.has(idOf(o)) && o.kind !== 'PersistentVolumeClaim');
            expect(unchanged(objects), overlay).toEqual(unchanged(base));
          }
        }
      });
    });
  }
});
