import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The package root: holds schema/ and templates/ both in a checkout and when installed. */
export const packageRoot = fileURLToPath(new URL('../', import.meta.url));

export const schemaFile = join(packageRoot, 'schema', 'orchgen.schema.json');
export const templatesDir = join(packageRoot, 'templates');
