/**
 * What systemd cannot carry byte for byte. Each function returns why, or undefined when the value
 * reaches the process exactly.
 */

import { hasLoneSurrogate } from '../shared/well-formed.js';

/** Environment values and arguments: any text but NUL, as valid UTF-8. */
export function whyNotCarried(value: string): string | undefined {
  if (value.includes('\0')) return 'it contains a NUL character, which no process environment or argument can hold';
  if (hasLoneSurrogate(value)) return 'it is not valid Unicode (a lone surrogate), which systemd rejects';
  return undefined;
}

const prefixChars = '-@:+!';

/** The program of a command line: systemd reads a leading -@:+! as flags and wants an absolute path or a bare name. */
export function whyNotProgram(program: string): string | undefined {
  const reason = whyNotCarried(program);
  if (reason) return reason;
  if (program === '') return 'the program name is empty';
  if (prefixChars.includes(program[0]!)) return `it starts with "${program[0]}", which systemd reads as an ExecStart= prefix`;
  if (program.includes('$')) return 'it contains "$", which systemd does not take literally in a program path';
  if (program.endsWith('/') || program === '.' || program === '..') return 'it names a folder, not a program';
  if (program === ';') return 'a lone ";" is where systemd separates commands, and it reads no escaped one as a program';
  if (!program.startsWith('/') && program.includes('/')) return 'it is a relative path; systemd needs an absolute path or a bare program name';
  if (/[\x00-\x1f\x7f"'\\]/.test(program)) return 'it contains quotes, backslashes or control characters, which systemd does not accept in a program path';
  return undefined;
}

/** A path written as a whole setting value (WorkingDirectory=, EnvironmentFile=): one plain line. */
export function whyNotPlainPath(path: string): string | undefined {
  const reason = whyNotCarried(path);
  if (reason) return reason;
  if (/[\x00-\x1f\x7f]/.test(path)) return 'it contains control characters';
  if (path !== path.trim()) return 'it starts or ends with whitespace, which systemd strips';
  return undefined;
}
