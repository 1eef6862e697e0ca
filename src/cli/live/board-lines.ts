import { seconds } from '../../runtime/events.js';
import { alignedLines } from '../../runtime/text-table.js';
import type { Board, BoardRow } from './board.js';

// STATE and HEALTH as wide as their widest value ('restarting', 'unhealthy'): columns do not shift as services move on.
const header = ['SERVICE', 'STATE     ', 'TIME', 'PROBES', 'HEALTH   ', 'VARIANT', 'RESTARTS', ''];

/**
 * The board as lines at `nowMs` (since the run began): a header, then each wave under its own
 * line with its services indented, one line each, always in the same place. Lines longer than
 * `width` are cut, so that none wraps and moves the ones below.
 */
export function boardLines(board: Board, nowMs: number, width = Infinity): string[] {
  const rows = board.rows();
  const [head, ...cells] = alignedLines([header, ...rows.map((row) => rowCells(board, row, nowMs))]);
  const lines = [`  ${head}`];
  rows.forEach((row, i) => {
    if (row.wave !== rows[i - 1]?.wave) lines.push(`wave ${row.wave}`);
    lines.push(`  ${cells[i]}`);
  });
  return lines.map((line) => line.slice(0, width).trimEnd());
}

function rowCells(board: Board, row: Readonly<BoardRow>, nowMs: number): string[] {
  const time = row.sinceMs === undefined ? '-' : seconds(Math.max(0, (row.settledMs ?? nowMs) - row.sinceMs));
  const probes = row.probes > 0 ? String(row.probes) : '-';
  return [row.service, row.phase, time, probes, row.health ?? '-', row.variant ?? '-', String(row.restarts), noteOf(board, row)];
}

/** Why it is where it is: what it waits for while pending, else the why of its last event. */
function noteOf(board: Board, row: Readonly<BoardRow>): string {
  if (row.phase !== 'pending') return row.why ?? '';
  const waiting = board.waitingFor(row);
  if (waiting.length === 0) return '';
  return board.kind === 'up' ? `waits for ${waiting.join(', ')}` : `stops after ${waiting.join(', ')}`;
}
