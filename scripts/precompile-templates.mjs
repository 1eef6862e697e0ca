// Every templates/**/*.hbs precompiled (with the options of src/targets/shared/template-options.ts)
// into a module that replaces src/targets/shared/template-loader.ts in the bundled CLI: it renders
// with Handlebars' runtime, without its compiler. Needs dist/ (tsc) for those options.
import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

const root = new URL('../', import.meta.url);
const templatesDir = new URL('templates/', root);

/** Source of a module exporting loadTemplate(key), like src/targets/shared/template-loader.ts. */
export async function templateLoaderModule() {
  const { templateOptions } = await import(new URL('dist/targets/shared/template-options.js', root).href);
  const entries = templateFiles().map((file) => {
    const spec = Handlebars.precompile(readFileSync(new URL(file, templatesDir), 'utf8'), { ...templateOptions });
    return `  ${JSON.stringify(file.replace(/\.hbs$/, ''))}: ${spec},\n`;
  });
  return `// Generated from templates/ by scripts/precompile-templates.mjs.
import Handlebars from 'handlebars/runtime.js';

const handlebars = Handlebars.create();
const specs = {
${entries.join('')}};

export function loadTemplate(key) {
  if (!Object.hasOwn(specs, key)) throw new Error(\`no template templates/\${key}.hbs\`);
  return handlebars.template(specs[key]);
}
`;
}

/** Paths relative to templates/, forward slashes, sorted. */
function templateFiles() {
  return readdirSync(templatesDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => file.endsWith('.hbs'))
    .sort();
}
