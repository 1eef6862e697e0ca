import type { Code } from '../diagnostics/catalog.js';

/** What `orchgen import` reports about its input: the W2xx codes of the catalogue. */
export type ImportCode = Extract<Code, `W2${string}`>;

export interface ImportWarning {
  code: ImportCode;
  message: string;
  /** The input file it is about. */
  file: string;
  /** 1-based; absent when the place is not known. */
  line?: number;
  col?: number;
}

/** `FILE:LINE:COL: warning[W201]: message`, or `FILE: warning[W201]: message` without a place. */
export function formatWarning(warning: ImportWarning): string {
  const where = warning.line === undefined ? warning.file : `${warning.file}:${warning.line}:${warning.col ?? 1}`;
  return `${where}: warning[${warning.code}]: ${warning.message}`;
}
