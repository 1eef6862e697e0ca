// Floor for `orchgen validate`/`build`: parsing the spec alone, with the project's own `yaml`
// package and the options the spec loader uses. Usage: node yaml-parse.mjs <orchgen.yaml>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../package.json', import.meta.url));
const { LineCounter, parseDocument } = require('yaml');

const text = readFileSync(process.argv[2], 'utf8');
const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false, merge: true });
if (doc.errors.length) {
  console.error(doc.errors[0].message);
  process.exit(1);
}
doc.toJS();
