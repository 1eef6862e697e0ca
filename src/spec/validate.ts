import { checks } from './checks/all.js';
import type { Check, CheckContext } from './checks/context.js';
import type { Code } from '../diagnostics/catalog.js';
import type { Diagnostic, SpecPath } from '../diagnostics/diagnostic.js';
import type { OrchgenSpec } from './raw.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { schemaErrors } from './schema.js';

/**
 * Every problem at once: the schema's, then the checks beyond it. Where the schema found a
 * problem, the checks still run, but say nothing about the parts the schema already rejected.
 */
/** `targets`: the targets built or validated, and every registered one. */
export function validateSpec(data: unknown, targets: Omit<CheckContext, 'spec'>): Diagnostic[] {
  const schemaProblems = schemaDiagnostics(schemaErrors(data), data);
  if (!hasServiceMap(data)) return schemaProblems;
  const rejected = schemaProblems.filter((d) => d.severity === 'error').map((d) => d.path);
  const spec = data as OrchgenSpec;
  const checked = checks.flatMap((check) => runGuarded(check, spec, targets, rejected.length > 0));
  return [...schemaProblems, ...checked.filter((d) => !rejected.some((path) => overlaps(path, d)))];
}

function runGuarded(check: Check, spec: OrchgenSpec, targets: Omit<CheckContext, 'spec'>, shapeInDoubt: boolean): Diagnostic[] {
  if (!shapeInDoubt) return check({ spec, ...targets });
  try {
    return check({ spec, ...targets });
  } catch {
    return [];
  }
}

function hasServiceMap(data: unknown): boolean {
  const services = (data as { services?: unknown } | null)?.services;
  return typeof services === 'object' && services !== null && !Array.isArray(services);
}

/** Checks that read only service names and `depends_on`: true whatever else a service got wrong. */
const namesOnly = new Set<Code>(['E201', 'E202']);

/**
 * The rejected part contains the diagnostic's place, or is inside the same service (other checks
 * read the whole service, and would guess at what the schema rejected).
 */
function overlaps(rejected: SpecPath, diagnostic: Diagnostic): boolean {
  const path = diagnostic.path;
  const wholeService = rejected[0] === 'services' && !namesOnly.has(diagnostic.code);
  const scope = wholeService ? rejected.slice(0, 2) : rejected;
  return scope.every((segment, index) => path[index] === segment);
}
