import { shellQuote } from '../shared/shell.js';
import { literal } from './escape.js';
import { envFileConfigMap, namespaceFlag, requiredEnvSecret } from './names.js';
import { listByAbout } from '../shared/finding.js';
import { warn, type Scope } from './scope.js';
import type { YamlMap } from '../shared/yaml.js';

/**
 * `env` values as literals, then each secret (its `from` is the key in the project's Secret) and each
 * `env_required` key from that Secret: the pod waits until the Secret has them. Each `env_optional`
 * key is an optional reference to the same Secret: a key it lacks (or no Secret) leaves the variable unset.
 */
export function envOf(scope: Scope): YamlMap[] {
  const { service, ctx } = scope;
  const secret = requiredEnvSecret(ctx.model.project);
  return [
    ...service.env.map(([name, value]): YamlMap => ({ name, value: literal(value) })),
    ...service.secrets.map(({ key, from }): YamlMap => ({ name: key, valueFrom: { secretKeyRef: { name: secret, key: from } } })),
    ...service.envRequired.map((name): YamlMap => ({ name, valueFrom: { secretKeyRef: { name: secret, key: name } } })),
    ...service.envOptional.map((name): YamlMap => ({ name, valueFrom: { secretKeyRef: { name: secret, key: name, optional: true } } })),
  ];
}

/**
 * `env_file` cannot be read by the cluster: each file becomes a ConfigMap the user makes from it,
 * which the pod requires, so a missing one stops the pod rather than starting it without the keys.
 */
export function envFromOf(scope: Scope): YamlMap[] {
  const { service } = scope;
  const files = service.envFiles;
  return files.map((file, index) => {
    const name = envFileConfigMap(service.name, index, files.length);
    const command = `kubectl create configmap ${name}${namespaceFlag(scope.ctx.model)} --from-env-file=${shellQuote(file)}`;
    warn(
      scope,
      `cannot read \`env_file\` ${file} of \`${service.name}\`: the pod takes its keys from the ConfigMap ${name}, made with \`${command}\``,
      scope.at('env_file'),
      `${service.name}: env_file ${file} is read from the ConfigMap ${name}; create it first (from the spec's folder): ${command}`,
      { key: 'k8s-env-file', service: service.name, about: file, message: configMapsToMake },
    );
    return { configMapRef: { name } };
  });
}

function configMapsToMake(services: ReadonlyMap<string, readonly string[]>): string {
  return `k8s cannot read \`env_file\`: each pod takes its keys from a ConfigMap made from the file, which must be created first (the command for each is in its manifest's header): ${listByAbout(services, 'for')}`;
}
