import type { Worker } from 'node:worker_threads';
import { Pm2DaemonGone, Pm2Error, Pm2Timeout } from './api-errors.js';

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string; gone: boolean };
}

/** Calls into the worker, each with its own time limit. */
export class WorkerChannel {
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private ended: string | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly home: string,
  ) {
    worker.on('message', (reply: Reply) => this.waiting.get(reply.id)?.(reply));
    worker.on('error', (error) => this.close(`PM2's API failed: ${error.message}`));
    worker.on('exit', (code) => this.close(`PM2's API stopped (exit code ${code})`));
  }

  call(op: string, args: unknown[], timeoutMs: number): Promise<unknown> {
    if (this.ended) return Promise.reject(new Pm2Error(op, this.ended));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Pm2Timeout(op, timeoutMs));
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        if (reply.error?.gone) reject(new Pm2DaemonGone(this.home));
        else if (reply.error) reject(new Pm2Error(op, reply.error.message));
        else resolve(reply.result);
      });
      this.worker.postMessage({ id, op, args });
    });
  }

  /** Every call waiting, and every later one, fails saying why. */
  close(why: string): void {
    this.ended ??= why;
    for (const [id, answer] of [...this.waiting]) answer({ id, error: { message: why, gone: false } });
  }
}
