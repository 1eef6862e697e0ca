// Regenerates out/<example>/ from examples/<example>/orchgen.yaml with the built CLI, for review
// with `git diff out/`. CI checks the committed out/ with `orchgen build --check`.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

for (const example of readdirSync('examples').sort()) {
  execFileSync('node', ['dist/cli/main.js', 'build', '-f', `examples/${example}/orchgen.yaml`, '-o', `out/${example}`], { stdio: 'inherit' });
}
