import { diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import type { Cause, Finding } from '../shared/finding.js';

export { diagnosticsOf, notesOf, type Finding } from '../shared/finding.js';

/** A W103 for a setting of `service` the manifests cannot express, with the line its file's header gets. */
export function warning(message: string, path: SpecPath, note?: string, cause?: Cause): Finding {
  const finding: Finding = { diagnostic: diagnostic('W103', `k8s ${message}`, { path }) };
  if (note !== undefined) finding.note = note;
  if (cause !== undefined) finding.cause = cause;
  return finding;
}
