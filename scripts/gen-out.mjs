// Regenerates out/<example>/ from examples/<example>/orchgen.yaml with the built CLI, for review
// with `git diff out/`, and each example's dependency graph picture, examples/<example>/graph.svg.
// CI checks the committed out/ with `orchgen build --check`, and test/graph/svg.test.ts the pictures.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';

for (const example of readdirSync('examples').sort()) {
  const spec = `examples/${example}/orchgen.yaml`;
  execFileSync('node', ['dist/cli/main.js', 'build', '-f', spec, '-o', `out/${example}`], { stdio: 'inherit' });
  const svg = execFileSync('node', ['dist/cli/main.js', 'graph', '-f', spec, '--format', 'svg'], { encoding: 'utf8' });
  writeFileSync(`examples/${example}/graph.svg`, svg);
}
