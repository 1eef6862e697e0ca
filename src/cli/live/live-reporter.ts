import { lineReporter, type Reporter } from '../../runtime/events.js';
import { Board, type BoardEntry, type BoardKind } from './board.js';
import { boardLines } from './board-lines.js';
import { LiveScreen } from './live-screen.js';

/** How often the clocks of services under way move on screen between events. */
const tickMs = 250;

export interface LiveReporter extends Reporter {
  /** Leaves the last frame on screen and gives the terminal back (once; a summary does it too). */
  end(): void;
}

/** The board of `up` or `down` redrawn in place; a warning goes above it, the summary below its last frame, as the plain lines print them. */
export function liveReporter(terminal: NodeJS.WriteStream, entries: readonly BoardEntry[], kind: BoardKind): LiveReporter {
  const board = new Board(entries, kind);
  /** When the run began, by this clock: known from the first event. */
  let began: number | undefined;
  const now = () => (began === undefined ? 0 : Date.now() - began);
  const screen = new LiveScreen(terminal, (columns) => boardLines(board, now(), columns), tickMs);
  const plain = lineReporter((text) => screen.above(text));
  const end = () => {
    board.settle(now());
    screen.end();
  };
  return {
    event(e) {
      began ??= Date.now() - e.elapsedMs;
      board.event(e);
      screen.redraw();
    },
    probe: (p) => board.probe(p),
    summary(rows, outcome) {
      end();
      plain.summary(rows, outcome);
    },
    warning: (text) => plain.warning(text),
    end,
  };
}
