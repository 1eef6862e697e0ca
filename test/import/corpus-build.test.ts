/**
 * `orchgen build` of each imported corpus file says each cause once: its warnings, per target, are
 * exactly the counts below (so noise cannot come back unnoticed), and no two of them say the same
 * thing about different services. The import's own warnings are held to the same rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderTargets } from '../../src/pipeline/render.js';
import { compileText } from '../../src/pipeline/compile.js';
import { type TargetName } from '../../src/model/types.js';
import { targetNames } from '../../src/targets/all.js';
import { corpus, corpusDir, importEntry } from './corpus-files.js';

/** Every target, each file given `project_dir` as the import asks for its relative paths. */
const built: readonly TargetName[] = targetNames;

type Counts = Record<string, number>;

/** Diagnostics by code: of the spec (`spec`) and of each target's rendering. */
const expected: Record<string, Partial<Record<TargetName | 'spec', Counts>>> = {
  authentik: { compose: { W103: 1 }, pm2: { W103: 1 }, supervisor: { W103: 1 }, k8s: { W103: 3 } },
  'awesome-pihole-cloudflared-DoH': { pm2: { W103: 1 }, supervisor: { W103: 1 }, k8s: { W103: 1 } },
  'awesome-postgresql-pgadmin': {},
  'awesome-prometheus-grafana': { k8s: { W103: 2 } },
  'awesome-react-express-mysql': { pm2: { W103: 1 }, supervisor: { W103: 1 }, k8s: { W103: 3 } },
  immich: { systemd: { W103: 1 }, compose: { W103: 1 }, pm2: { W103: 1 }, supervisor: { W103: 2 }, k8s: { W103: 4 } },
  'immich-hwaccel': { systemd: { W103: 1 }, compose: { W103: 1 }, pm2: { W103: 1 }, supervisor: { W103: 2 }, k8s: { W103: 5 } },
  mastodon: { systemd: { W103: 1 }, compose: { W103: 1 }, pm2: { W103: 1 }, supervisor: { W103: 2 }, k8s: { W103: 5 } },
  n8n: { compose: { W103: 1 }, pm2: { W103: 1 }, supervisor: { W103: 2 }, k8s: { W103: 3 } },
  netbox: { systemd: { W103: 1 }, pm2: { W103: 1 }, supervisor: { W103: 2 }, k8s: { W103: 5 } },
  'open-webui': { pm2: { W103: 1 }, supervisor: { W103: 1 }, k8s: { W103: 2 } },
  paperless: { pm2: { W103: 1 }, supervisor: { W103: 1 }, k8s: { W103: 3 } },
  sentry: { systemd: { W103: 1 }, compose: { W103: 2 }, pm2: { W103: 1 }, supervisor: { W103: 2 }, k8s: { W103: 3 } },
};

/** The message with the services it names masked: two equal shapes are one cause said twice. */
function shapeOf(services: readonly string[]): (message: string) => string {
  const names = new Set(services);
  return (message) => message.replace(/`([^`]*)`|"([^"]*)"/g, (all, a?: string, b?: string) => (names.has(a ?? b ?? '') ? 'SERVICE' : all));
}

function repeatedShapes(messages: readonly string[], services: readonly string[]): string[] {
  const seen = new Set<string>();
  return messages.map(shapeOf(services)).filter((s) => (seen.has(s) ? true : (seen.add(s), false)));
}

function countsOf(codes: readonly string[]): Counts {
  const counts: Counts = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describe('building an imported corpus file warns once per cause', () => {
  it.each(corpus)('$dir', (entry) => {
    const dir = join(corpusDir, entry.dir);
    const imported = importEntry(entry, dir);
    const specFile = join(dir, 'orchgen.yaml');
    const compiled = compileText(specFile, imported.text!.replace(/^project: .*$/m, (line) => `${line}\nproject_dir: /srv/corpus`), built);
    const services = [...Object.keys((parse(readFileSync(join(dir, entry.file), 'utf8'), { maxAliasCount: -1 }) as { services: object }).services), ...compiled.model!.services.map((s) => s.name)];
    expect(repeatedShapes(imported.warnings.map((w) => `${w.code} ${w.message}`), services)).toEqual([]);
    const actual: Partial<Record<TargetName | 'spec', Counts>> = {};
    const spec = countsOf(compiled.diagnostics.map((d) => d.code));
    if (Object.keys(spec).length > 0) actual.spec = spec;
    for (const target of built) {
      const rendered = renderTargets({ model: compiled.model!, plan: compiled.plan! }, [target], { specFile, outDir: join(dir, 'out') });
      expect(repeatedShapes(rendered.diagnostics.map((d) => `${d.code} ${d.message}`), services)).toEqual([]);
      const counts = countsOf(rendered.diagnostics.map((d) => d.code));
      if (Object.keys(counts).length > 0) actual[target] = counts;
    }
    expect(actual, JSON.stringify(actual)).toEqual(expected[entry.dir]);
  });
});
