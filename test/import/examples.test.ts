import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCompose } from '../../src/import/compose/index.js';
import { describeWithTool, hasComposeV1, PROJECT_ROOT, tempDir, type TempDir } from '../support/tools.js';
import { buildCompose, composeConfig, requiredVars, specDiagnostics } from './support.js';

const examplesDir = join(PROJECT_ROOT, 'examples');
/** The examples with containers: only those have a Compose file to import. */
const examples = (existsSync(examplesDir) ? readdirSync(examplesDir).sort() : []).filter((name) => {
  const file = join(examplesDir, name, 'orchgen.yaml');
  return existsSync(file) && /^\s+image:/m.test(readFileSync(file, 'utf8'));
});

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir('orchgen-import-examples-');
});
afterAll(() => tmp?.cleanup());

/**
 * Each example, built for Compose, imported back and built again: docker-compose sees the same
 * services (the Compose file orchgen writes carries everything the import reads).
 */
await describeWithTool('examples: build → import → build gives the same Compose file to docker-compose config', hasComposeV1, () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples)('%s', async (name) => {
    const yaml = await readFile(join(examplesDir, name, 'orchgen.yaml'), 'utf8');
    const first = await buildCompose(yaml, join(examplesDir, name, 'orchgen.yaml'), join(tmp.path, name, 'first'));
    const composeText = await readFile(join(first, 'compose.yaml'), 'utf8');
    const outDir = join(tmp.path, name, 'imported');
    const imported = importCompose({ file: 'compose.yaml', text: composeText, dir: first }, { outDir, schemaRef: 'orchgen.schema.json', project: name });
    expect(specDiagnostics(imported.text!).filter((d) => d.includes('error['))).toEqual([]);
    const second = await buildCompose(imported.text!, join(outDir, 'orchgen.yaml'), join(outDir, 'out'));
    const vars = requiredVars(yaml);
    expect(await readFile(join(second, '.env'), 'utf8')).toBe(await readFile(join(first, '.env'), 'utf8'));
    // Compose v1 rejects what only v2 reads (`required: false`, ...): then the files themselves must match.
    const v1Reads = !/required: false|!override|!reset|start_interval|\bgpus:/.test(composeText);
    if (v1Reads) expect((await composeConfig(second, 'compose.yaml', vars)).services).toEqual((await composeConfig(first, 'compose.yaml', vars)).services);
    else expect(await readFile(join(second, 'compose.yaml'), 'utf8')).toBe(composeText);
  });
});
