import type { Target } from '../target.js';
import { renderK8s } from './render.js';

export const k8sTarget = {
  name: 'k8s',
  description: 'Kubernetes manifests with a kustomization.yaml, and one kustomize overlay per fallback',
  runsHostProcesses: false,
  render: renderK8s,
} as const satisfies Target;
