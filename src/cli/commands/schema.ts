import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { CommandResult } from './shared.js';

export function schemaCommand(program: Command, io: Io, done: CommandResult): void {
  program
    .command('schema')
    .description('print the JSON Schema of orchgen.yaml')
    .addHelpText('after', '\nExample:\n  orchgen schema > orchgen.schema.json')
    .action(async () => {
      const { specSchema } = await import('../../spec/schema.js');
      io.out(`${JSON.stringify(specSchema(), null, 2)}\n`);
      done(0);
    });
}
