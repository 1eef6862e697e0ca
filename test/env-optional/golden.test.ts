import { describeGoldenStack } from '../support/golden-stack.js';

describeGoldenStack(
  'a small stack with env_optional keys (test/env-optional/fixtures/relay.yaml), per target, exactly',
  new URL('./fixtures/relay.yaml', import.meta.url),
  new URL('./golden/', import.meta.url).pathname,
);
