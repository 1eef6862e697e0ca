import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '../../paths.js';

const handlebars = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Renders templates/<target>/<name>.hbs. Values are inserted as they are (no HTML escaping): each
 * target escapes for its own format before it hands values to a template.
 */
export function renderTemplate(target: string, name: string, context: object): string {
  const key = `${target}/${name}`;
  let template = compiled.get(key);
  if (!template) {
    const source = readFileSync(join(templatesDir, target, `${name}.hbs`), 'utf8');
    template = handlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(key, template);
  }
  return template(context);
}
