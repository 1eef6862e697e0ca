import { describe, expect, it } from 'vitest';
import { build, documents, examples, readExample, readFixture } from './support.js';
import { objectProblems, unknownFields } from './schema.js';

/** The objects of every manifest (not kustomizations or patches) a spec builds into. */
function manifestObjects(yaml: string): Array<[string, unknown]> {
  const built = build(yaml);
  return [...built.files]
    .filter(([path]) => path.startsWith('k8s/') && !path.endsWith('kustomization.yaml'))
    .flatMap(([path, text]) => documents(text).filter((doc) => !Array.isArray(doc) && !('$patch' in (doc as object))).map((doc): [string, unknown] => [path, doc]));
}

describe('the offline object check', () => {
  const deployment = manifestObjects(readFixture('small.yaml')).find(([path]) => path === 'k8s/base/web.yaml')![1] as any;

  it('accepts a generated Deployment', () => {
    expect(objectProblems(deployment)).toEqual([]);
  });

  it('rejects a misspelt field anywhere, and a value of the wrong type', () => {
    const misspelt = structuredClone(deployment);
    misspelt.spec.template.spec.containers[0].readinessProbe.httpGet.paht = '/x';
    misspelt.spec.template.spec.initContainers[0].imagePulPolicy = 'Always';
    misspelt.spec.replica = 2;
    expect(unknownFields(misspelt).sort()).toEqual([
      'spec.replica',
      'spec.template.spec.containers[0].readinessProbe.httpGet.paht',
      'spec.template.spec.initContainers[0].imagePulPolicy',
    ]);
    const wrongType = structuredClone(deployment);
    wrongType.spec.template.spec.containers[0].ports[0].containerPort = '80';
    expect(objectProblems(wrongType).join('\n')).toContain('containerPort must be integer');
  });

  it('takes any key where the API has a map (labels, resource limits)', () => {
    const labelled = structuredClone(deployment);
    labelled.metadata.labels['example.com/anything'] = 'x';
    labelled.spec.template.spec.containers[0].resources.limits['nvidia.com/gpu'] = 1;
    expect(objectProblems(labelled)).toEqual([]);
  });
});

describe('every generated object is valid offline (kubernetes-models, no unknown field)', () => {
  for (const name of ['small.yaml', 'full.yaml']) {
    it(`fixture ${name}`, () => {
      const objects = manifestObjects(readFixture(name));
      expect(objects.length).toBeGreaterThan(0);
      for (const [path, object] of objects) expect(objectProblems(object), path).toEqual([]);
    });
  }

  for (const example of examples()) {
    it(`example ${example}`, () => {
      const yaml = readExample(example);
      const objects = manifestObjects(yaml);
      const containers = build(yaml).model.services.filter((s) => s.targets.includes('k8s'));
      expect(objects.filter(([, o]) => ['Deployment', 'Job'].includes((o as { kind: string }).kind))).toHaveLength(containers.length);
      for (const [path, object] of objects) expect(objectProblems(object), path).toEqual([]);
    });
  }
});
