import type { ImportCode } from '../warnings.js';

export interface Process {
  name: string;
  command: string;
  line: number;
}

export interface Problem {
  line: number;
  message: string;
  code: ImportCode;
}

const entry = /^([A-Za-z0-9_.-]+)[ \t]*:[ \t]*(.*)$/;

/** `name: command` lines; blank lines and `#` comments are skipped, anything else is a problem. */
export function parseProcfile(text: string): { processes: Process[]; problems: Problem[] } {
  const processes: Process[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = entry.exec(trimmed);
    if (!match) return void problems.push({ line, message: 'not a `name: command` line', code: 'W206' });
    const [, name, command] = match as unknown as [string, string, string];
    if (command.trim() === '') return void problems.push({ line, message: `process \`${name}\` has no command`, code: 'W206' });
    if (processes.some((p) => p.name === name)) return void problems.push({ line, message: `process \`${name}\` is defined twice; the first one is kept`, code: 'W206' });
    processes.push({ name, command: command.trim(), line });
  });
  return { processes, problems };
}
