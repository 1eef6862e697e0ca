import { createLogUpdate } from 'log-update';

/**
 * A frame of lines kept at the bottom of a terminal, redrawn in place at each `redraw` and tick
 * (through log-update, which rewrites only the lines that changed); text printed meanwhile goes
 * above it. `end` leaves the last frame on screen, and whatever is written after goes below it.
 */
export class LiveScreen {
  readonly #terminal: NodeJS.WriteStream;
  readonly #frame: (columns: number | undefined) => readonly string[];
  readonly #draw: ReturnType<typeof createLogUpdate>;
  readonly #ticker: NodeJS.Timeout;
  #ended = false;

  constructor(terminal: NodeJS.WriteStream, frame: (columns: number | undefined) => readonly string[], tickMs: number) {
    this.#terminal = terminal;
    this.#frame = frame;
    this.#draw = createLogUpdate(terminal);
    this.#ticker = setInterval(() => this.redraw(), tickMs);
    this.#ticker.unref();
    this.redraw();
  }

  redraw(): void {
    if (!this.#ended) this.#draw(this.#frame(this.#terminal.columns).join('\n'));
  }

  /** Prints `text` above the frame (below it once ended). */
  above(text: string): void {
    if (!this.#ended) this.#draw.clear();
    this.#terminal.write(text);
    this.redraw();
  }

  end(): void {
    if (this.#ended) return;
    clearInterval(this.#ticker);
    this.redraw();
    this.#ended = true;
    this.#draw.done();
  }
}
