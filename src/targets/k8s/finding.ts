import { diagnostic, type Diagnostic, type SpecPath } from '../../spec/diagnostic.js';

/** Something the manifests cannot say: a diagnostic for the build, and a line for the file's header. */
export interface Finding {
  diagnostic: Diagnostic;
  note?: string;
}

/** A W103 for a setting of `service` the manifests cannot express, with the line its file's header gets. */
export function warning(message: string, path: SpecPath, note?: string): Finding {
  const finding: Finding = { diagnostic: diagnostic('W103', `k8s ${message}`, { path }) };
  if (note !== undefined) finding.note = note;
  return finding;
}

export function notesOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.flatMap((f) => (f.note ? [f.note] : [])))];
}

export function uniqueDiagnostics(findings: readonly Finding[]): Diagnostic[] {
  const seen = new Set<string>();
  return findings
    .map((f) => f.diagnostic)
    .filter((d) => {
      const key = JSON.stringify([d.code, d.message, d.path]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
