import { seconds } from '../../runtime/events.js';
import type { Board, BoardRow } from './board.js';
import { wavedLines } from './waved-table.js';

// STATE and HEALTH as wide as their widest value ('restarting', 'unhealthy'): columns do not shift as services move on.
const header = ['SERVICE', 'STATE     ', 'TIME', 'PROBES', 'HEALTH   ', 'VARIANT', 'RESTARTS', ''];

/** The board as lines at `nowMs` (since the run began): each service on one line, always in the same place, under its wave. */
export function boardLines(board: Board, nowMs: number, width?: number): string[] {
  return wavedLines(header, board.rows().map((row) => ({ wave: row.wave, cells: rowCells(board, row, nowMs) })), width);
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
