#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './program.js';

const args = process.argv.slice(2);
runCli(args, processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const debug = args.includes('--debug');
    const text = debug && error instanceof Error ? error.stack : String(error instanceof Error ? error.message : error);
    process.stderr.write(`orchgen: internal error: ${text}\n${debug ? '' : 'run again with --debug for details\n'}`);
    process.exitCode = 70;
  },
);
