import { createServer } from 'node:net';

/**
 * Ports for the tests' servers come from below the kernel's ephemeral range (32768 and up on
 * Linux), where a client's outgoing connection can hold a port between the moment it is found free
 * and the moment a server binds it; and each test worker has its own block, so that two test files
 * running at once never pick the same one. The fixed ports some tests use are below this range.
 */
const rangeStart = 22_000;
const blockSize = 1_000;
const blocks = 10;

const pool = Number(process.env.VITEST_POOL_ID ?? 1);
const blockStart = rangeStart + ((Math.max(1, pool) - 1) % blocks) * blockSize;
// Successive processes of one worker start at different places in its block.
let next = (process.pid * 7_919) % blockSize;

/** A TCP port nobody holds on 127.0.0.1 or 0.0.0.0, never handed out twice by this process. */
export async function freePort(): Promise<number> {
  for (let tried = 0; tried < blockSize; tried++) {
    const port = blockStart + (next++ % blockSize);
    if ((await bindable(port, '127.0.0.1')) && (await bindable(port, '0.0.0.0'))) return port;
  }
  throw new Error(`no free port in ${blockStart}-${blockStart + blockSize - 1}`);
}

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
