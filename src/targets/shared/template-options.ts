/**
 * How every template is compiled: values are inserted as they are (no HTML escaping, each target
 * escapes for its own format first), and a missing value is an error rather than empty text.
 */
export const templateOptions = { noEscape: true, strict: true } as const;
