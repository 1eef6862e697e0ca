import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

test('citadel: waves and critical path worked out by hand', () => {
  const json = execFileSync('node', ['dist/cli/main.js', 'graph', '-f', 'examples/citadel/orchgen.yaml', '--format', 'json'], { encoding: 'utf8' });
  const graph = JSON.parse(json);
  // The three stores need nothing; embeddings need qdrant, the integrations need redis; the router
  // needs both of those (wave 3) as does the batch processor; the gateway needs the router;
  // monitoring needs the gateway.
  expect(graph.waves).toEqual([
    ['qdrant', 'redis', 'postgresql'],
    ['embedding-service', 'model-integrations'],
    ['batch-processor', 'request-router'],
    ['api-gateway'],
    ['monitoring'],
  ]);
  // Longest chain: 5 services. The router's two wave-2 dependencies tie; embedding-service is declared first.
  expect(graph.critical_path).toEqual(['qdrant', 'embedding-service', 'request-router', 'api-gateway', 'monitoring']);
  expect(graph.edges).toContainEqual({ from: 'api-gateway', to: 'monitoring', condition: 'started', required: true });
  expect(graph.edges).toContainEqual({ from: 'embedding-service', to: 'batch-processor', condition: 'healthy', required: true });
  expect(graph.edges).toHaveLength(10);
});
