import type { Fallback } from '../../model/types.js';
import type { MonitorState } from '../../runtime/monitor/state.js';
import { LiveScreen } from './live-screen.js';
import { monitorLines } from './monitor-lines.js';

/** How often the monitor's view is redrawn: checks land on their own intervals, a second or more apart. */
const tickMs = 500;

export interface LiveMonitor {
  /** A line the monitor reports (a change of standing, a recovery), printed above the view. */
  note(line: string): void;
  end(): void;
}

/** The monitor's services redrawn in place, what it reports printed above them as it comes. */
export function liveMonitor(terminal: NodeJS.WriteStream, state: MonitorState, variants: ReadonlyMap<string, Fallback | undefined>): LiveMonitor {
  const screen = new LiveScreen(terminal, (columns) => monitorLines(state, variants, state.clocks.now(), columns), tickMs);
  return {
    note: (line) => screen.above(`${line}\n`),
    end: () => screen.end(),
  };
}
