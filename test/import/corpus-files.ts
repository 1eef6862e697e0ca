/**
 * Real public Compose files (test/import/corpus/, sources and licences in its README), with what
 * importing each is expected to say, for corpus.test.ts and corpus-roundtrip.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCompose } from '../../src/import/compose/index.js';
import { PROJECT_ROOT } from '../support/tools.js';

export interface CorpusFile {
  dir: string;
  file: string;
  /** Warnings by code, exactly. */
  warnings: Record<string, number>;
  /** Variables `config` needs that neither .env nor the file gives (a password the project asks the user for). */
  vars?: Record<string, string>;
  /** env_file paths the project expects the user to create. */
  userFiles?: string[];
  /** `service.key` whose meaning the import changes, each with the code of the warning that names the service. */
  differences: Record<string, string>;
}

export const corpus: CorpusFile[] = [
  { dir: 'authentik', file: 'docker-compose.yml', warnings: { W203: 1, W204: 1, W207: 1 }, vars: { PG_PASS: 'pg-pass' }, userFiles: ['.env'], differences: {} },
  { dir: 'awesome-pihole-cloudflared-DoH', file: 'compose.yaml', warnings: { W201: 1, W202: 1, W203: 1, W205: 3 }, differences: {} },
  { dir: 'awesome-postgresql-pgadmin', file: 'compose.yaml', warnings: { W201: 1, W203: 1 }, differences: {} },
  { dir: 'awesome-prometheus-grafana', file: 'compose.yaml', warnings: { W201: 1, W204: 1, W207: 1 }, differences: {} },
  { dir: 'awesome-react-express-mysql', file: 'compose.yaml', warnings: { W201: 1, W204: 2, W205: 1, W207: 1 }, differences: { 'backend.image': 'W204', 'frontend.image': 'W204', 'frontend.volumes': 'W204' } },
  { dir: 'immich', file: 'docker-compose.yml', warnings: { W201: 2, W203: 1, W207: 1 }, differences: {} },
  { dir: 'immich-hwaccel', file: 'docker-compose.yml', warnings: { W201: 2, W203: 1, W207: 1 }, differences: {} },
  { dir: 'mastodon', file: 'docker-compose.yml', warnings: { W201: 2, W202: 1, W205: 2, W207: 1 }, userFiles: ['.env.production'], differences: {} },
  { dir: 'n8n', file: 'docker-compose.yml', warnings: { W203: 1, W204: 1, W207: 1 }, differences: {} },
  { dir: 'netbox', file: 'docker-compose.yml', warnings: { W201: 1, W203: 1, W204: 1, W205: 1, W207: 1 }, differences: {} },
  { dir: 'open-webui', file: 'docker-compose.yaml', warnings: { W201: 4, W203: 1, W204: 1 }, differences: {} },
  { dir: 'paperless', file: 'docker-compose.postgres-tika.yml', warnings: { W204: 1, W207: 1 }, differences: {} },
  { dir: 'sentry', file: 'docker-compose.yml', warnings: { W201: 6, W203: 1, W204: 3, W207: 1 }, differences: {} },
];

export const corpusDir = join(PROJECT_ROOT, 'test/import/corpus');

/** The import with the .env beside the file and an empty environment, so the result is the same on every machine. */
export function importEntry(entry: CorpusFile, outDir: string, dir = join(corpusDir, entry.dir)) {
  const dotenvPath = join(dir, '.env');
  const dotenv = existsSync(dotenvPath) ? { dotenv: { file: `${entry.dir}/.env`, text: readFileSync(dotenvPath, 'utf8') } } : {};
  const text = readFileSync(join(dir, entry.file), 'utf8');
  const readBeside = (path: string) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined);
  return importCompose({ file: `${entry.dir}/${entry.file}`, text, dir, variables: { environment: {}, ...dotenv }, readBeside }, { outDir, schemaRef: 'orchgen.schema.json' });
}

