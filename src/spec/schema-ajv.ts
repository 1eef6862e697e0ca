import Ajv, { type Options } from 'ajv';

/**
 * Ajv as orchgen validates specs: every error at once, with the failing data and schema (the
 * diagnostics read both). Used to compile the schema at run time and to precompile it at build.
 */
export function specAjv(extra: Options = {}): Ajv.default {
  const ajv = new Ajv.default({ allErrors: true, verbose: true, strict: true, strictTypes: false, ...extra });
  // `x-expected` annotates a pattern with what a person should write; it validates nothing.
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  return ajv;
}
