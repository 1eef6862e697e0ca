import { execa } from 'execa';
import { afterAll, expect, it } from 'vitest';
import { emptyFootprint } from '../../src/runtime/footprint.js';
import { remainsOf } from '../../src/runtime/remains.js';
import { describeWithTool, hasDocker } from '../support/tools.js';

/** The project network counts as left until the engine no longer lists it. */
const network = `orchgenremains${process.pid.toString(36)}_default`;

await describeWithTool('remains: the project network', hasDocker, () => {
  afterAll(async () => {
    await execa('docker', ['network', 'rm', network], { reject: false });
  });

  it('names the network while `docker network ls` lists it, and nothing once it is removed', async () => {
    const footprint = { ...emptyFootprint(), networks: [network] };
    await execa('docker', ['network', 'create', network]);
    expect((await execa('docker', ['network', 'ls', '--format', '{{.Name}}'])).stdout.split('\n')).toContain(network);
    expect(await remainsOf(footprint, [])).toEqual([`network ${network}`]);
    await execa('docker', ['network', 'rm', network]);
    expect(await remainsOf(footprint, [])).toEqual([]);
  }, 60_000);
});
