/** What in a value supervisord cannot carry, or undefined when it reads back exactly. */
export function valueProblem(text: string): string | undefined {
  if (text.includes('\0')) return 'a NUL byte';
  if (text.includes('\r')) return 'a carriage return (it reads its conf with universal newlines)';
  return undefined;
}

/**
 * An `environment=` value is one shlex token in quotes, without escapes, and supervisord strips
 * every quote from both of its ends.
 */
export function envValueProblem(text: string): string | undefined {
  const problem = valueProblem(text);
  if (problem) return problem;
  if (/^['"]|['"]$/.test(text)) return 'a quote at the start or end of an environment value (it strips quotes from both ends)';
  if (text.includes('"') && text.includes("'")) return `both ' and " in an environment value (a quoted value has no escape for its quote)`;
  return undefined;
}

/** Lines of a native value are lines of the conf: a line break would end the key or add a section. */
export function nativeValueProblem(text: string): string | undefined {
  return /[\r\n]/.test(text) ? 'a line break in a native value' : undefined;
}
