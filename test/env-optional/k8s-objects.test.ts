import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { documents } from '../targets/k8s/support.js';
import { objectProblems } from '../targets/k8s/schema.js';

/** The golden Deployment (compared exactly with the build in golden.test.ts) is a valid object: `optional` is a field of secretKeyRef. */
test('k8s: the Deployment with optional secretKeyRefs passes the offline object check', () => {
  const text = readFileSync(new URL('./golden/k8s/base/mail.yaml', import.meta.url), 'utf8');
  const [deployment] = documents(text) as any[];
  expect(deployment.spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef?.optional === true).map((e: any) => e.name)).toEqual(['SES_USER', 'SES_FROM']);
  expect(objectProblems(deployment)).toEqual([]);
});
