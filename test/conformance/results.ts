/**
 * The measured results, committed: one file per target column (results/<id>.json, check id -> cell)
 * that each target's suite compares with what it measured (ORCHGEN_CONFORMANCE_WRITE=1 rewrites it),
 * and README's table rendered from them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKS, type CheckId, type Outcome } from './checks.js';

export const RESULTS_DIR = new URL('./results/', import.meta.url).pathname;

/** README's columns, in order: id and title. */
export const COLUMNS: readonly (readonly [string, string])[] = [
  ['systemd', 'systemd'],
  ['compose-v2', 'Compose v2'],
  ['compose-v1', 'Compose v1'],
  ['pm2', 'PM2'],
  ['supervisor', 'supervisord'],
];

export type Column = Partial<Record<CheckId, string>>;

/** A cell: `yes`, `no: <the documented difference>`, or `fails` (a check that should hold and did not). */
export function cell(outcome: Outcome, difference: string | undefined): string {
  if (outcome.holds) return 'yes';
  return difference === undefined ? 'fails' : `no: ${difference}`;
}

const fileOf = (id: string) => path.join(RESULTS_DIR, `${id}.json`);

export function readColumn(id: string): Column | undefined {
  return existsSync(fileOf(id)) ? (JSON.parse(readFileSync(fileOf(id), 'utf8')) as Column) : undefined;
}

export function writeColumn(id: string, column: Column): void {
  writeFileSync(fileOf(id), `${JSON.stringify(column, null, 2)}\n`);
}

export const writing = () => process.env.ORCHGEN_CONFORMANCE_WRITE === '1';

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** The markdown table README holds between its conformance markers. */
export function renderTable(columns: Record<string, Column | undefined>): string {
  const header = `| behaviour | ${COLUMNS.map(([, title]) => title).join(' | ')} |`;
  const rule = `| --- | ${COLUMNS.map(() => '---').join(' | ')} |`;
  const rows = CHECKS.map((check) => `| ${check.concern} | ${COLUMNS.map(([id]) => escapeCell(columns[id]?.[check.id] ?? 'not measured')).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

export const README_BEGIN = '<!-- conformance table: written from test/conformance/results by `ORCHGEN_CONFORMANCE_WRITE=1 npx vitest run test/conformance` -->';
export const README_END = '<!-- end of conformance table -->';

/** The text between README's markers, or undefined when they are missing. */
export function readmeTable(readme: string): string | undefined {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin) return undefined;
  return readme.slice(begin + README_BEGIN.length, end).trim();
}

export function withTable(readme: string, table: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${table}\n${readme.slice(end)}`;
}
