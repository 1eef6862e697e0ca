/**
 * How every template is compiled: values are inserted as they are (no HTML escaping, each target
 * escapes for its own format first), and a missing value is an error rather than empty text. The
 * templates use Handlebars' own helpers and no `@` variables, which lets it compile them into
 * direct calls (`knownHelpersOnly`, `data: false`, `assumeObjects`): a third faster, same text.
 */
export const templateOptions = { noEscape: true, strict: true, assumeObjects: true, knownHelpersOnly: true, data: false } as const;
