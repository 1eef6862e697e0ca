/** README's table of what each target does natively is the one the conformance suite measured. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/tools.js';
import { COLUMNS, readColumn, readmeTable, renderTable, withTable, writing } from './results.js';

const README = path.join(PROJECT_ROOT, 'README.md');

it('README shows the measured conformance table, cell for cell', () => {
  const columns = Object.fromEntries(COLUMNS.map(([id]) => [id, readColumn(id)]));
  const missing = COLUMNS.filter(([id]) => !columns[id]).map(([id]) => id);
  expect(missing, 'results files missing: run ORCHGEN_CONFORMANCE_WRITE=1 npx vitest run test/conformance').toEqual([]);
  const measured = renderTable(columns);
  const readme = readFileSync(README, 'utf8');
  if (writing() && readmeTable(readme) !== undefined) writeFileSync(README, withTable(readme, measured));
  expect(readmeTable(readFileSync(README, 'utf8'))).toBe(measured);
});
