import { describeGoldenStack } from '../support/golden-stack.js';

describeGoldenStack(
  'a small stack with secrets (test/secrets/fixtures/vault.yaml), per target, exactly',
  new URL('./fixtures/vault.yaml', import.meta.url),
  new URL('./golden/', import.meta.url).pathname,
);
