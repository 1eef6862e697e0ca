import { alignedLines } from '../../runtime/text-table.js';

export interface WavedRow {
  wave: number;
  cells: readonly string[];
}

/**
 * A table whose rows, in wave order, sit indented under a line naming their wave; the columns are
 * aligned across waves. Lines longer than `width` are cut, so that none wraps and moves the ones below.
 */
export function wavedLines(header: readonly string[], rows: readonly WavedRow[], width = Infinity): string[] {
  const [head, ...cells] = alignedLines([header, ...rows.map((row) => row.cells)]);
  const lines = [`  ${head}`];
  rows.forEach((row, i) => {
    if (row.wave !== rows[i - 1]?.wave) lines.push(`wave ${row.wave}`);
    lines.push(`  ${cells[i]}`);
  });
  return lines.map((line) => cut(line, width));
}

export function cut(line: string, width: number): string {
  return line.slice(0, width).trimEnd();
}
