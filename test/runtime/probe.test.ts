import { createServer } from 'node:http';
import { expect, test } from 'vitest';
import type { Service } from '../../src/model/types.js';
import type { Driver } from '../../src/runtime/driver.js';
import { probe } from '../../src/runtime/probe.js';

/** This file's port (the runtime suites' range is 19350-19399). */
const PORT = 19383;

test('an http probe reads the answer to its end: a server still writing it sees no connection cut off', async () => {
  const answers: boolean[] = [];
  const server = createServer((_req, res) => {
    res.writeHead(200);
    res.flushHeaders();
    res.on('close', () => answers.push(res.writableFinished));
    setTimeout(() => res.end('ok'), 100);
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  try {
    const result = await probe({ kind: 'http', url: `http://127.0.0.1:${PORT}/health`, status: 200 }, 1_000, {} as Service, {} as Driver);
    expect(result).toMatchObject({ ok: true, detail: 'HTTP 200' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answers).toEqual([true]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
