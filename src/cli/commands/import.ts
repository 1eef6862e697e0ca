import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { CommandResult } from './shared.js';

export interface ImportOptions {
  out?: string;
  project?: string;
  force?: boolean;
  env?: string;
  envFile?: string;
}

export function importCommand(program: Command, io: Io, done: CommandResult): void {
  const command = program.command('import').description('write an orchgen.yaml from a Compose file or a Procfile');
  withOutput(command.command('compose <file>').description('import a Compose file: services, health checks, dependencies, restart, resources, GPUs'))
    .option('--env-file <file>', 'the variables to fill in, instead of the .env beside the Compose file (as docker compose --env-file)')
    .addHelpText('after', '\nExample:\n  orchgen import compose docker-compose.yml -o orchgen.yaml')
    .action(async (file: string, options: ImportOptions) => done((await import('../actions/import.js')).importFrom('compose', io, file, options)));
  withOutput(command.command('procfile <file>').description('import a Procfile: one process service per line'))
    .option('--env <file>', 'a .env file whose values every service gets')
    .addHelpText('after', '\nExample:\n  orchgen import procfile Procfile --env .env -o orchgen.yaml')
    .action(async (file: string, options: ImportOptions) => done((await import('../actions/import.js')).importFrom('procfile', io, file, options)));
}

function withOutput(command: Command): Command {
  return command
    .option('-o, --out <path>', 'the orchgen.yaml to write (default: print it)')
    .option('-p, --project <name>', 'the project name (default: from the input)')
    .option('--force', 'overwrite the output file if it exists');
}
