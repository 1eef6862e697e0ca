import { Option, type Command } from 'commander';
import { compileFile } from '../../compile.js';
import { graphFormats, type GraphFormat } from '../../graph/format/all.js';
import { targetNames } from '../../model/types.js';
import { hasErrors } from '../../spec/diagnostic.js';
import { summary } from '../../spec/render.js';
import type { Io } from '../io.js';
import { report } from '../report.js';
import { specFile, type CommandResult } from './shared.js';

export function graphCommand(program: Command, io: Io, done: CommandResult): void {
  program
    .command('graph')
    .description('print the startup waves, dependencies and critical path')
    .option('-f, --file <path>', 'the spec', 'orchgen.yaml')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(graphFormats)).default('text'))
    .addHelpText('after', '\nExample:\n  orchgen graph -f examples/citadel/orchgen.yaml --format mermaid')
    .action((options: { file: string; format: GraphFormat }) => {
      const compiled = compileFile(specFile(io, options.file), targetNames);
      report(io, compiled);
      if (hasErrors(compiled.diagnostics)) {
        io.err(`${summary(compiled.diagnostics)}\n`);
        return done(1);
      }
      io.out(graphFormats[options.format](compiled.plan!));
      return done(0);
    });
}
