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

/** What the promise resolves to, or the ToolGone it rejects with; any other error is thrown on. */
export function orToolGone<T>(work: Promise<T>): Promise<T | ToolGone> {
  return work.catch((error: unknown) => {
    if (error instanceof ToolGone) return error;
    throw error;
  });
}

/** The exit code of a command whose tool did not answer: nothing is known of the services, so nothing is shown as known. */
export const toolSilentCode = 5;
