import { renderTemplate } from '../shared/templates.js';
import { yamlBlock, yamlString, type YamlValue } from '../shared/yaml.js';

export interface Document {
  body: YamlValue;
  /** Comment lines above the document. */
  comments?: string[];
}

/** One or more YAML documents in a file, separated by `---`. */
export function manifestFile(documents: readonly Document[]): string {
  return renderTemplate('k8s', 'manifest.yaml', {
    documents: documents.map((d) => ({ comments: (d.comments ?? []).map(oneLine), body: yamlBlock(d.body) })),
  });
}

export interface KustomizationPatch {
  path: string;
  target?: { kind: string; name: string };
}

export function kustomizationFile(resources: readonly string[], patches: readonly KustomizationPatch[], namespace?: string): string {
  return renderTemplate('k8s', 'kustomization.yaml', {
    namespace: namespace === undefined ? undefined : yamlString(namespace),
    resources: resources.map(yamlString),
    patches: patches.map((p) => ({ path: yamlString(p.path), target: p.target && { kind: yamlString(p.target.kind), name: yamlString(p.target.name) } })),
  });
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

