/**
 * The supervisor itself went away mid-run (its daemon was killed or stopped): nothing it ran can
 * be asked about or stopped through it any more. The message says which, e.g. `supervisord stopped`.
 */
export class ToolGone extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'ToolGone';
  }
}
