/**
 * `orchgen build` of each imported corpus file says each cause once: its warnings, per target, are
 * exactly the counts below (so noise cannot come back unnoticed), and no two of them say the same
 * thing about different services. The import's own warnings are held to the same rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderTargets } from '../../src/build.js';
import { compileText } from '../../src/compile.js';
import type { TargetName } from '../../src/model/types.js';
import { corpus, corpusDir, importEntry } from './corpus-files.js';

/**
 * The targets built here. systemd is not among them yet: it refuses relative bind mounts (E301) in
 * most of these files until a spec can anchor them; add it to the list and the table then.
 */
const built: readonly TargetName[] = ['compose', 'pm2', 'supervisord', 'k8s'];

type Counts = Record<string, number>;

/** Diagnostics by code: of the spec (`spec`) and of each target's rendering. */
const expected: Record<string, Partial<Record<TargetName | 'spec', Counts>>> = {
  authentik: { compose: { W103: 1 }, pm2: { W103: 1 }, k8s: { W103: 4 } },
  'awesome-pihole-cloudflared-DoH': { pm2: { W103: 1 }, k8s: { W103: 1 } },
  'awesome-postgresql-pgadmin': {},
  'awesome-prometheus-grafana': { k8s: { W103: 2 } },
  'awesome-react-express-mysql': { pm2: { W103: 1 }, k8s: { W103: 3 } },
  immich: { compose: { W103: 1 }, pm2: { W103: 1 }, k8s: { W103: 5 } },
  'immich-hwaccel': { compose: { W103: 1 }, pm2: { W103: 1 }, k8s: { W103: 6 } },
  mastodon: { compose: { W103: 1 }, pm2: { W103: 1 }, k8s: { W103: 6 } },
  n8n: { compose: { W103: 1 }, pm2: { W103: 1 }, k8s: { W103: 3 } },
  netbox: { pm2: { W103: 1 }, k8s: { W103: 5 } },
  'open-webui': { pm2: { W103: 1 }, k8s: { W103: 1 } },
  paperless: { pm2: { W103: 1 }, k8s: { W103: 3 } },
  sentry: { compose: { W103: 2 }, pm2: { W103: 1 }, k8s: { W103: 3 } },
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
    const compiled = compileText(specFile, imported.text!, built);
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
    expect(actual).toEqual(expected[entry.dir]);
  });
});
