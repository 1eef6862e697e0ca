import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { SpecPositions } from './positions.js';
import { LineScan } from './scan-positions.js';
import { parseYamlDocument, type YamlDocument } from './yaml-document.js';

/** What turns a diagnostic's path into a line and column. */
export interface Locator {
  locate(diagnostic: Diagnostic): Position;
}

/**
 * The positions of a spec's paths, found by scanning the lines where the path runs through plain
 * block mappings, else with the `yaml` package, only when a diagnostic without a position is to be
 * printed: a spec loaded by the fast parser is parsed a second time only then.
 */
export class LazyPositions implements Locator {
  private positions?: SpecPositions;
  private scan?: LineScan;

  /** `parsed`: the document already at hand (the exact loader's), used instead of parsing `text` again. */
  constructor(
    private readonly text: string,
    private parsed?: YamlDocument,
  ) {}

  locate(diagnostic: Diagnostic): Position {
    if (diagnostic.position) return diagnostic.position;
    if (!this.positions && !this.parsed) {
      this.scan ??= new LineScan(this.text);
      const scanned = this.scan.locate(diagnostic.path, diagnostic.atKey ?? false);
      if (scanned) return scanned;
    }
    return this.index().locate(diagnostic);
  }

  /** A locator that no longer holds the parsed document (many times the size of the positions). */
  detached(): Locator {
    return this.parsed ? this.index() : this;
  }

  private index(): SpecPositions {
    if (!this.positions) {
      const { doc, lines } = this.parsed ?? parseYamlDocument(this.text);
      this.positions = new SpecPositions(doc, lines);
      this.parsed = undefined;
      this.scan = undefined;
    }
    return this.positions;
  }
}
