/** Rows of cells as lines: each column as wide as its widest cell, two spaces between, no trailing blanks. */
export function alignedLines(table: readonly (readonly string[])[]): string[] {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((r) => r[column]!.length)));
  return table.map((cells) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
