/** supervisord's fault codes (supervisor/xmlrpc.py, class Faults). */
const FAULT_NAMES: Record<number, string> = {
  1: 'UNKNOWN_METHOD',
  2: 'INCORRECT_PARAMETERS',
  3: 'BAD_ARGUMENTS',
  4: 'SIGNATURE_UNSUPPORTED',
  6: 'SHUTDOWN_STATE',
  10: 'BAD_NAME',
  11: 'BAD_SIGNAL',
  20: 'NO_FILE',
  21: 'NOT_EXECUTABLE',
  30: 'FAILED',
  40: 'ABNORMAL_TERMINATION',
  50: 'SPAWN_ERROR',
  60: 'ALREADY_STARTED',
  70: 'NOT_RUNNING',
  80: 'SUCCESS',
  90: 'ALREADY_ADDED',
  91: 'STILL_RUNNING',
  92: 'CANT_REREAD',
};

/** supervisord answered the call with a fault, e.g. `BAD_NAME` or `ALREADY_STARTED`. */
export class SupervisordFault extends Error {
  /** The fault's name, from its code: `BAD_NAME`, `SPAWN_ERROR`, ...; `UNKNOWN` for a code supervisord does not define. */
  readonly faultName: string;

  constructor(
    readonly method: string,
    readonly faultCode: number,
    /** supervisord's own text, e.g. `BAD_NAME: web`. */
    readonly faultString: string,
  ) {
    super(`supervisord: ${method} failed: ${faultString} (fault ${faultCode})`);
    this.name = 'SupervisordFault';
    this.faultName = FAULT_NAMES[faultCode] ?? 'UNKNOWN';
  }
}

/** Nothing listens where supervisord should: its socket is missing or refuses connections, or it went away mid-call. */
export class SupervisordGone extends Error {
  constructor(
    readonly server: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(`supervisord is not running at ${server} (${cause.code ?? cause.message})`, { cause });
    this.name = 'SupervisordGone';
  }
}

/** supervisord did not answer within the call's time limit. */
export class SupervisordTimeout extends Error {
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`supervisord: ${method} did not answer within ${timeoutMs} ms`);
    this.name = 'SupervisordTimeout';
  }
}

/** The answer was not the XML-RPC supervisord speaks: an HTTP error, or a body this client does not read. */
export class SupervisordProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SupervisordProtocolError';
  }
}
