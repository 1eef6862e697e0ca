#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './program.js';
import { writeText } from './std-write.js';

const args = process.argv.slice(2);
runCli(args, processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const debug = args.includes('--debug');
    const text = debug && error instanceof Error ? error.stack : String(error instanceof Error ? error.message : error);
    writeText(2, `orchgen: internal error: ${text}\n${debug ? '' : 'run again with --debug for details\n'}`);
    process.exitCode = 70;
  },
);
