import { basename } from 'node:path';
import { renderDraft, type Note } from '../document.js';
import { assignNames, isValidName, toName } from '../names.js';
import { headerLines, type ImportResult, type ImportTarget } from '../output.js';
import type { ImportWarning } from '../warnings.js';
import { parseDotenv } from './dotenv.js';
import { parseProcfile } from './procfile.js';

export interface ProcfileInput {
  /** As printed in warnings. */
  file: string;
  text: string;
  /** Its folder (absolute): names the project when none is given. */
  dir: string;
  /** A .env file whose values every process gets. */
  env?: { file: string; text: string };
}

/** foreman's convention: the first process type gets 5000, the next 5100, ... */
const basePort = 5000;
const portStep = 100;
const usesPort = /\$(\{PORT\b|PORT\b)/;

/**
 * A Procfile as an orchgen.yaml: one process service per line, its command run by /bin/sh -c; the
 * .env values as `defaults.env`, so every service gets them. Pure: reads and writes nothing.
 */
export function importProcfile(input: ProcfileInput, target: ImportTarget): ImportResult {
  const warnings: ImportWarning[] = [];
  const envWarnings: ImportWarning[] = [];
  const { processes, problems } = parseProcfile(input.text);
  for (const p of problems) warnings.push({ code: p.code, message: p.message, file: input.file, line: p.line, col: 1 });
  if (processes.length === 0) return { warnings, error: `${input.file}: no \`name: command\` line` };
  const notes: Note[] = [];
  const env = new Map<string, string>();
  if (input.env) {
    const parsed = parseDotenv(input.env.text);
    for (const p of parsed.problems) envWarnings.push({ code: p.code, message: p.message, file: input.env.file, line: p.line, col: 1 });
    for (const entry of parsed.entries) {
      env.delete(entry.key);
      env.set(entry.key, entry.value);
    }
  }
  const project = projectName(input, target, warnings);
  const names = assignNames(processes.map((p) => p.name));
  const services: Record<string, Record<string, unknown>> = {};
  processes.forEach((process, i) => {
    const name = names.get(process.name)!;
    if (name !== process.name) {
      warnings.push({ code: 'W202', message: `process \`${process.name}\` renamed \`${name}\`: orchgen names are lower-case letters, digits and dashes`, file: input.file, line: process.line, col: 1 });
    }
    const service: Record<string, unknown> = { command: process.command };
    if (usesPort.test(process.command) && !env.has('PORT')) {
      service.env = { PORT: String(basePort + portStep * i) };
      notes.push({ path: ['services', name, 'env'], text: "PORT as foreman gives it (5000, 5100, ... in Procfile order)" });
    }
    services[name] = service;
  });
  const spec: Record<string, unknown> = { version: 1, project };
  if (env.size > 0) {
    spec.defaults = { env: Object.fromEntries(env) };
    notes.push({ path: ['defaults'], text: `from ${basename(input.env!.file)}: every service gets these` });
  }
  spec.services = services;
  const header = headerLines(target.schemaRef, `Imported from ${basename(input.file)} by \`orchgen import procfile\`: each command runs with /bin/sh -c.`);
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { text: renderDraft({ header, data: spec, notes }), warnings: [...warnings, ...envWarnings] };
}

function projectName(input: ProcfileInput, target: ImportTarget, warnings: ImportWarning[]): string {
  if (target.project !== undefined) return target.project;
  const folder = basename(input.dir);
  if (isValidName(folder)) return folder;
  const name = toName(folder);
  warnings.push({ code: 'W202', message: `project name \`${folder}\` (the folder) renamed \`${name}\`: orchgen names are lower-case letters, digits and dashes`, file: input.file });
  return name;
}
