import { parseDotenv } from '../procfile/dotenv.js';
import type { Path } from '../document.js';
import { code } from './context.js';
import type { ReadBeside } from './extends.js';
import { parseInterpolation, variablesOf } from './interpolation.js';
import { isRecord } from './records.js';
import { literalValue } from './strings.js';

export interface EnvFileWarning {
  message: string;
  path: Path;
}

/**
 * One warning for the env_files whose values Compose reads otherwise than `docker run --env-file`,
 * which is how orchgen's other targets read them (each value as written): Compose removes quotes,
 * cuts comments and fills in `${VAR}`. Files that cannot be read (the user makes them) are not looked at.
 */
export function envFileWarning(services: Record<string, unknown>, read: ReadBeside | undefined): EnvFileWarning | undefined {
  if (read === undefined) return undefined;
  const found = new Map<string, { services: string[]; lines: number[]; at: Path }>();
  for (const [name, service] of Object.entries(services)) {
    if (!isRecord(service)) continue;
    for (const path of envFilePaths(service.env_file)) {
      const known = found.get(path);
      if (known) known.services.push(name);
      else {
        const text = read(path);
        const lines = text === undefined ? [] : linesReadOtherwise(text);
        if (lines.length > 0) found.set(path, { services: [name], lines, at: ['services', name, 'env_file'] });
      }
    }
  }
  if (found.size === 0) return undefined;
  const files = [...found].map(([path, f]) => `${code(path)} line${f.lines.length === 1 ? '' : 's'} ${f.lines.join(', ')} (of ${f.services.map(code).join(', ')})`);
  const message = `env_file values Compose reads otherwise than docker run --env-file, the way orchgen's other targets read them (Compose removes quotes, cuts comments, fills in \${VAR}; the others take each value as written): ${files.join('; ')}; write those values plain so every target gets the same`;
  return { message, path: [...found.values()][0]!.at };
}

function envFilePaths(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item) => {
    const path = isRecord(item) ? item.path : item;
    return typeof path === 'string' && path !== '' ? [literalValue(path)] : [];
  });
}

/** The lines whose value (or key) Compose's reading and the literal one tell apart. */
function linesReadOtherwise(text: string): number[] {
  const lines = text.split(/\r?\n/);
  return parseDotenv(text)
    .entries.filter((entry) => {
      const raw = lines[entry.line - 1]!.trimStart();
      const eq = raw.indexOf('=');
      const interpolated = entry.expands && variablesOf(parseInterpolation(entry.value)).length > 0;
      return raw.slice(0, eq) !== entry.key || raw.slice(eq + 1) !== entry.value || interpolated;
    })
    .map((entry) => entry.line);
}
