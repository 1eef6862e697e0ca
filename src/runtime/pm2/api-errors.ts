/** No PM2 daemon answers for this PM2_HOME: none was running, or it died. */
export class Pm2DaemonGone extends Error {
  constructor(readonly home: string) {
    super(`the PM2 daemon of ${home} is not running`);
    this.name = 'Pm2DaemonGone';
  }
}

/** The PM2 daemon did not answer within the call's time limit. */
export class Pm2Timeout extends Error {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`pm2 ${operation} did not answer within ${timeoutMs} ms`);
    this.name = 'Pm2Timeout';
  }
}

/** PM2 refused or failed an operation; the message is PM2's own. */
export class Pm2Error extends Error {
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(`pm2 ${operation} failed: ${message}`);
    this.name = 'Pm2Error';
  }
}
