import type { Diagnostic } from '../../diagnostics/diagnostic.js';

/** Something a target's files cannot say: a diagnostic for the build, and a line for the file's header. */
export interface Finding {
  diagnostic: Diagnostic;
  note?: string;
  /** Set when the same cause recurs across services: the build then says it once, naming them all. */
  cause?: Cause;
}

/** One of many findings with the same cause: one service, and what of it (a dependency, a path) when the cause can hit a service twice. */
export interface Cause {
  /** Findings with the same key are one warning. */
  key: string;
  service: string;
  about?: string;
  /** The one warning, from the services by what they are about (`''` for findings without `about`), in order. */
  message: (services: ReadonlyMap<string, readonly string[]>) => string;
}

export function notesOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.flatMap((f) => (f.note ? [f.note] : [])))];
}

/**
 * The build's diagnostics for the findings: each once, and the findings of one cause as one warning
 * (where the first of them is); a cause found once keeps its own message.
 */
export function diagnosticsOf(findings: readonly Finding[]): Diagnostic[] {
  const seen = new Set<string>();
  const groups = new Map<string, { first: Diagnostic; causes: Cause[] }>();
  const out: Array<Diagnostic | { group: string }> = [];
  for (const { diagnostic, cause } of findings) {
    const key = JSON.stringify([diagnostic.code, diagnostic.message, diagnostic.path]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (cause === undefined) {
      out.push(diagnostic);
      continue;
    }
    const group = groups.get(cause.key);
    if (group) group.causes.push(cause);
    else {
      groups.set(cause.key, { first: diagnostic, causes: [cause] });
      out.push({ group: cause.key });
    }
  }
  return out.map((d) => ('group' in d ? grouped(groups.get(d.group)!) : d));
}

function grouped({ first, causes }: { first: Diagnostic; causes: readonly Cause[] }): Diagnostic {
  if (causes.length === 1) return first;
  // Sets: a cause shared by thousands of services stays linear
  const byAbout = new Map<string, Set<string>>();
  for (const cause of causes) {
    const services = byAbout.get(cause.about ?? '') ?? new Set<string>();
    services.add(cause.service);
    byAbout.set(cause.about ?? '', services);
  }
  return { ...first, message: causes[0]!.message(new Map([...byAbout].map(([about, services]) => [about, [...services]]))) };
}

/** `a`, `b` and `c` as Markdown code, comma-separated. */
export function codeList(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

/** "`kafka` (for `web`, `worker`), `redis` (for `web`)": what each is about, with its services. */
export function listByAbout(services: ReadonlyMap<string, readonly string[]>, word: string, show = (about: string) => `\`${about}\``): string {
  return [...services].map(([about, names]) => `${show(about)} (${word} ${codeList(names)})`).join(', ');
}
