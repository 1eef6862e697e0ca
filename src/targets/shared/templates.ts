import type { TemplateDelegate } from 'handlebars';
import { loadTemplate } from './template-loader.js';

const loaded = new Map<string, TemplateDelegate>();

/** Renders templates/<target>/<name>.hbs (see template-options.ts for how values are inserted). */
export function renderTemplate(target: string, name: string, context: object): string {
  const key = `${target}/${name}`;
  let template = loaded.get(key);
  if (!template) {
    template = loadTemplate(key);
    loaded.set(key, template);
  }
  return template(context);
}
