import type { Command } from 'commander';
import { compileFile } from '../../compile.js';
import { targetNames } from '../../model/types.js';
import { hasErrors } from '../../spec/diagnostic.js';
import { summary } from '../../spec/render.js';
import type { Io } from '../io.js';
import { report } from '../report.js';
import { specFile, type CommandResult } from './shared.js';

export function validateCommand(program: Command, io: Io, done: CommandResult): void {
  program
    .command('validate')
    .description('check the spec and print every problem at once')
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .addHelpText('after', '\nExample:\n  orchgen validate -f examples/canvasbot/orchgen.yaml')
    .action((options: { file: string }) => {
      const compiled = compileFile(specFile(io, options.file), targetNames);
      report(io, compiled);
      if (hasErrors(compiled.diagnostics)) {
        io.err(`${summary(compiled.diagnostics)}\n`);
        return done(1);
      }
      const model = compiled.model!;
      io.out(`${compiled.file}: ok, ${model.services.length} services in ${compiled.plan!.waves.length} waves (${summary(compiled.diagnostics)})\n`);
      return done(0);
    });
}
