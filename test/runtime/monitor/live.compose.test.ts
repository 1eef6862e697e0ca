import { execa } from 'execa';
import { describeWithTool, hasComposeV2, hasPythonOnlyImage } from '../../support/tools.js';
import { monitorScenarios } from './scenarios.js';

const project = 'monlivecompose';
const label = (service?: string) => ['--filter', `label=com.docker.compose.project=${project}`, ...(service ? ['--filter', `label=com.docker.compose.service=${service}`] : [])];

await describeWithTool('orchgen monitor on a real Compose', async () => {
  const image = await hasPythonOnlyImage();
  return image.ok ? hasComposeV2() : image;
}, () => {
  monitorScenarios({
    target: 'compose',
    project,
    python: 'python3',
    inImage: { image: 'orchgen-test/python-only:1' },
    async running() {
      const ps = await execa('docker', ['ps', ...label(), '--format', '{{.State}}']);
      return ps.stdout.split('\n').filter((state) => state === 'running').length;
    },
    async kill(_stack, name) {
      const id = (await execa('docker', ['ps', '-q', ...label(name)])).stdout.trim();
      await execa('docker', ['kill', '--signal', 'KILL', id]);
    },
  });
});
