import type { Fallback, FallbackWhen, Service } from '../../model/types.js';
import { diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import { renderTemplate } from '../shared/templates.js';
import type { Artifact, TargetInput, TargetOutput } from '../target.js';
import { exactFindings } from './exact.js';
import { overrideOf } from './fallback.js';
import { diagnosticsOf, listByAbout, notesOf, type Finding } from '../shared/finding.js';
import { composeFileName, envFileName, overrideFile, projectName } from './names.js';
import { hostNetworkFindings } from './network.js';
import { restartFindings } from './restart.js';
import { secretsNotes } from './secrets.js';
import { composeService, networkModeOf, type ComposeContext } from './service.js';
import { v2Uses } from './v2.js';
import { yamlBlock, yamlKey, type YamlMap } from '../shared/yaml.js';

/** compose.yaml, the .env that names the project, and one override file per fallback. */
export function renderCompose({ model, services, sourceDir }: TargetInput): TargetOutput {
  if (services.length === 0) return { artifacts: [], diagnostics: [] };
  const context: ComposeContext = { sourceDir, present: new Set(services.map((s) => s.name)) };
  if (model.settings.compose.networkMode !== undefined) context.networkMode = model.settings.compose.networkMode;
  const findings: Finding[] = [];
  const entries: Array<[string, YamlMap]> = services.map((service) => {
    const map = composeService(service, context);
    findings.push(...serviceFindings(service, map, context));
    return [service.name, map];
  });
  const volumes = namedVolumes(services);
  const main: Artifact = {
    path: composeFileName,
    content: composeFile(entries, volumes),
    notes: [`The project name is COMPOSE_PROJECT_NAME in .env beside this file (Compose v1 rejects a top-level \`name:\`).`, ...probeToolNotes(services), ...secretsNotes(services), ...notesOf(findings)],
  };
  const env: Artifact = { path: envFileName, content: renderTemplate('compose', 'env', { project: projectName(model.project) }) };
  const baseVolumes = new Set(volumes.keys());
  const overrides = services.flatMap((service, i) => service.fallbacks.map((fallback, index) => fallbackFile(service, entries[i]![1], fallback, index, context, baseVolumes)));
  const diagnostics = diagnosticsOf([...findings, ...overrides.flatMap((o) => o.findings)]);
  return { artifacts: [main, env, ...overrides.map((o) => o.artifact)], diagnostics };
}

function serviceFindings(service: Service, map: YamlMap, context: ComposeContext): Finding[] {
  const hostNetwork = networkModeOf(service, context) === 'host';
  const v2 = v2Uses(map).map((use) => v2Finding(service, use.text, specPathOf(service, use.path)));
  return [...exactFindings(service, ['services', service.name]), ...restartFindings(service), ...(hostNetwork ? hostNetworkFindings(service) : []), ...v2];
}

/** Where in the spec a Compose key came from: a dependency, `native.compose`, or the service. */
function specPathOf(service: Service, path: string[]): SpecPath {
  const at = ['services', service.name];
  if (path[0] === 'depends_on' && path[1] !== undefined && service.dependsOn.some((d) => d.name === path[1])) return [...at, 'depends_on', path[1]];
  if (path[0] !== undefined && service.native.compose && path[0] in service.native.compose) return [...at, 'native', 'compose', path[0]];
  return at;
}

function v2Finding(service: Service, key: string, path: SpecPath, file = composeFileName): Finding {
  return {
    diagnostic: diagnostic('W103', `compose: \`${key}\` of \`${service.name}\` needs Compose v2 (docker compose): docker-compose 1.x rejects ${file}`, { path }),
    note: `needs Compose v2 (docker compose): ${service.name}.${key}`,
    cause: { key: `compose-v2 ${file}`, service: service.name, about: key, message: (uses) => `compose: settings need Compose v2 (docker compose): ${listByAbout(uses, 'of')}; docker-compose 1.x rejects ${file}` },
  };
}

interface Override {
  artifact: Artifact;
  findings: Finding[];
}

function fallbackFile(service: Service, base: YamlMap, fallback: Fallback, index: number, context: ComposeContext, baseVolumes: ReadonlySet<string>): Override {
  const path = overrideFile(service.name, fallback.name);
  const at: SpecPath = ['services', service.name, 'fallbacks', index];
  const variant = composeService(fallback.service, context);
  const override = overrideOf(base, variant);
  const volumes = new Map([...namedVolumes([fallback.service])].filter(([v]) => !baseVolumes.has(v)));
  const findings = [
    ...exactFindings(fallback.service, [...at, 'set'], service),
    ...v2Uses(override).map((use) => v2Finding(service, use.text, at, path)),
  ];
  const notes = [
    `Fallback \`${fallback.name}\` of \`${service.name}\`, used when ${whenText(fallback.when)}.`,
    `Apply it over the base file: docker compose -f ${composeFileName} -f ${path} up -d ${service.name}`,
    ...secretsNotes([fallback.service]),
    ...notesOf(findings),
  ];
  const content = composeFile(Object.keys(override).length > 0 ? [[service.name, override]] : [[service.name, { image: base.image }]], volumes);
  return { artifact: { path, content, notes }, findings };
}

function whenText(when: FallbackWhen): string {
  const parts: string[] = [];
  if (when.exitCodes.length > 0) parts.push(`it exits with code ${when.exitCodes.join(', ')}`);
  if (when.log !== undefined) parts.push(`its output matches /${when.log}/`);
  if (when.healthTimeout) parts.push('its health check never passes');
  return parts.length > 0 ? parts.join(' or ') : 'it fails';
}

/** Engine-managed volumes in order of first use, each with what the spec declares of it: its `name`, `external`. */
function namedVolumes(services: readonly Service[]): Map<string, YamlMap> {
  const volumes = new Map<string, YamlMap>();
  for (const volume of services.flatMap((s) => s.volumes.filter((v) => v.kind === 'named'))) {
    if (volumes.has(volume.source)) continue;
    const { name, external } = volume.declared ?? { external: false };
    volumes.set(volume.source, { ...(name !== undefined ? { name } : {}), ...(external ? { external: true } : {}) });
  }
  return volumes;
}

function composeFile(services: Array<[string, YamlMap]>, volumes: ReadonlyMap<string, YamlMap>): string {
  return renderTemplate('compose', 'compose.yaml', {
    services: services.map(([name, map]) => ({ key: yamlKey(name), body: yamlBlock(map, '    ').replace(/\n$/, '') })),
    volumes: volumes.size === 0 ? '' : yamlBlock({ volumes: Object.fromEntries(volumes) }).replace(/\n$/, ''),
  });
}

/** Http and tcp checks run in the image with what it has: say what that must be, once. */
function probeToolNotes(services: readonly Service[]): string[] {
  const kinds = new Set(services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)]).map((s) => s.health?.check.kind));
  const tools = [kinds.has('http') ? 'http: curl, wget, bash or python3' : '', kinds.has('tcp') ? 'tcp: nc, bash or python3' : ''].filter(Boolean);
  if (tools.length === 0) return [];
  return [`Health checks run inside the image with /bin/sh and the first tool it has (${tools.join('; ')}); for an image with none, write the check as health.exec.`];
}
