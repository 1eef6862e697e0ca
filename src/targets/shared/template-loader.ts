import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '../../paths.js';
import { templateOptions } from './template-options.js';

const handlebars = Handlebars.create();

/**
 * templates/<key>.hbs, compiled from the file. The bundled CLI replaces this module with the same
 * templates precompiled at build (scripts/precompile-templates.mjs) and Handlebars' runtime only.
 */
export function loadTemplate(key: string): Handlebars.TemplateDelegate {
  return handlebars.compile(readFileSync(join(templatesDir, `${key}.hbs`), 'utf8'), { ...templateOptions });
}
