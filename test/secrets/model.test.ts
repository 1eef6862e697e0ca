import { expect, test } from 'vitest';
import { modelOf, spec } from '../helpers.js';

const yaml = spec(
  'version: 1',
  'project: vault',
  'defaults:',
  '  env:',
  '    REGION: eu',
  '    SHARED_TOKEN: {secret: true}',
  '    LOG_KEY: {secret: true, from: LOGS_KEY}',
  'services:',
  '  db:',
  '    image: postgres:16',
  '    env:',
  '      POSTGRES_PASSWORD: {secret: true, from: DB_PASSWORD}',
  '      LOG_KEY: written-here',
  '      REGION: {secret: true, from: DB_REGION}',
  '    fallbacks:',
  '      - name: replica',
  '        set: {env: {REPLICA_KEY: {secret: true}, POSTGRES_PASSWORD: not-secret-here}}',
);

test('secrets are kept apart from env values, in declaration order, `from` defaulting to the key', () => {
  const db = modelOf(yaml).model!.services[0]!;
  expect(db.env).toEqual([['LOG_KEY', 'written-here']]);
  expect(db.secrets).toEqual([
    { key: 'REGION', from: 'DB_REGION' },
    { key: 'SHARED_TOKEN', from: 'SHARED_TOKEN' },
    { key: 'POSTGRES_PASSWORD', from: 'DB_PASSWORD' },
  ]);
});

test('a fallback merges its env: a key it sets is a secret or a value as it says', () => {
  const replica = modelOf(yaml).model!.services[0]!.fallbacks[0]!.service;
  expect(replica.env).toEqual([
    ['LOG_KEY', 'written-here'],
    ['POSTGRES_PASSWORD', 'not-secret-here'],
  ]);
  expect(replica.secrets).toEqual([
    { key: 'REGION', from: 'DB_REGION' },
    { key: 'SHARED_TOKEN', from: 'SHARED_TOKEN' },
    { key: 'REPLICA_KEY', from: 'REPLICA_KEY' },
  ]);
});
