import type { Command } from '../../model/types.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { whyNotCarried, whyNotProgram } from './carry.js';
import { refuse, type UnitContext } from './context.js';

/** The argv a command runs as: exec form as written, shell form through /bin/sh -c. */
export function commandArgv(command: Command): string[] {
  return command.kind === 'exec' ? [...command.argv] : ['/bin/sh', '-c', command.script];
}

/** Refuses (E301) what systemd cannot pass exactly; true when every word can be said. */
export function checkCommand(ctx: UnitContext, command: Command, path: SpecPath, what: string, programFirst: boolean): boolean {
  const words = command.kind === 'exec' ? command.argv : [command.script];
  let ok = true;
  words.forEach((word, index) => {
    const atProgram = programFirst && command.kind === 'exec' && index === 0;
    const reason = atProgram ? whyNotProgram(word) : whyNotCarried(word);
    if (!reason) return;
    ok = false;
    const label = command.kind === 'shell' ? `${what} (shell script)` : atProgram ? `${what} program "${word}"` : `${what} argument ${index}`;
    refuse(ctx, label, reason, command.kind === 'exec' ? [...path, index] : path);
  });
  return ok;
}
