// Parse only, with the spec loader itself (dist/spec/load.js, built by `npm run build`): `fast` as
// `orchgen` loads a spec (js-yaml, the `yaml` package only where it must), `exact` with the `yaml`
// package alone, as every spec was loaded before the fast loader. Usage: node spec-load.mjs <orchgen.yaml> fast|exact
import { readFileSync } from 'node:fs';

const { parseSpecText } = await import(new URL('../../dist/spec/load.js', import.meta.url).href);
const file = process.argv[2];
const result = parseSpecText(file, readFileSync(file, 'utf8'), process.argv[3] !== 'exact');
if (!result.spec) {
  console.error(result.diagnostics[0]?.message ?? 'no spec');
  process.exit(1);
}
