import type { Target } from '../target.js';
import { renderK8s } from './render.js';

export const k8sTarget: Target = {
  name: 'k8s',
  description: 'Kubernetes manifests with a kustomization.yaml, and one kustomize overlay per fallback',
  render: renderK8s,
};
