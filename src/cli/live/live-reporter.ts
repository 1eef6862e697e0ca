import { createLogUpdate } from 'log-update';
import { lineReporter, type Reporter } from '../../runtime/events.js';
import { Board, type BoardEntry, type BoardKind } from './board.js';
import { boardLines } from './board-lines.js';

/** How often the clocks of services under way move on screen between events. */
const tickMs = 250;

export interface LiveReporter extends Reporter {
  /** Leaves the last frame on screen and gives the terminal back (once; a summary does it too). */
  end(): void;
}

/**
 * The board redrawn in place on `terminal` at each event and tick; a warning is printed above it,
 * and the summary below its last frame, as the plain lines print them.
 */
export function liveReporter(terminal: NodeJS.WriteStream, entries: readonly BoardEntry[], kind: BoardKind): LiveReporter {
  const board = new Board(entries, kind);
  const plain = lineReporter((text) => terminal.write(text));
  const draw = createLogUpdate(terminal);
  /** When the run began, by this clock: known from the first event. */
  let began: number | undefined;
  let ended = false;
  const now = () => (began === undefined ? 0 : Date.now() - began);
  const redraw = () => draw(boardLines(board, now(), terminal.columns).join('\n'));
  const ticker = setInterval(redraw, tickMs);
  ticker.unref();
  redraw();

  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(ticker);
    board.settle(now());
    redraw();
    draw.done();
  };
  return {
    event(e) {
      began ??= Date.now() - e.elapsedMs;
      board.event(e);
      if (!ended) redraw();
    },
    probe: (p) => board.probe(p),
    summary(rows, outcome) {
      end();
      plain.summary(rows, outcome);
    },
    warning(text) {
      if (!ended) draw.clear();
      plain.warning(text);
      if (!ended) redraw();
    },
    end,
  };
}
