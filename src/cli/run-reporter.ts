import { jsonReporter, lineReporter } from '../runtime/events.js';
import type { Runtime } from './actions/runtime-setup.js';
import type { Io } from './io.js';
import type { BoardKind } from './live/board.js';
import { boardEntries } from './live/entries.js';
import { liveReporter, type LiveReporter } from './live/live-reporter.js';

/** How `up` or `down` reports: JSON lines with --json, else a live view on a terminal that fits one, else plain lines. */
export function runReporter(io: Io, json: boolean | undefined, runtime: Runtime, kind: BoardKind): LiveReporter {
  if (json) return { ...jsonReporter(io.out), end: () => undefined };
  if (!io.terminal) return { ...lineReporter(io.out), end: () => undefined };
  return liveReporter(io.terminal, boardEntries(runtime, kind), kind);
}
