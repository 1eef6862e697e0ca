/**
 * A real Prometheus scrapes the monitor's /metrics while it watches a stack under supervisord: the
 * exposition passes `promtool check metrics`, and Prometheus's own query API returns the series.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allTools, describeWithTool, hasPrometheus, hasSupervisord } from '../../support/tools.js';
import { freePort } from '../stack.js';
import { metricsText, until, watchedOnSupervisor, type LiveStack, type WatchedStack } from './live.js';

interface Query {
  status: string;
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

await describeWithTool('a real Prometheus scrapes orchgen monitor', allTools(hasSupervisord, hasPrometheus), () => {
  let stack: LiveStack;
  let watched: WatchedStack | undefined;
  let prometheus: ResultPromise;
  let prometheusUrl = '';
  const storage = mkdtempSync(join(tmpdir(), 'orchgen-prometheus-'));

  beforeAll(async () => {
    watched = await watchedOnSupervisor('monprom');
    stack = watched.stack;
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    const config = join(storage, 'prometheus.yml');
    writeFileSync(config, `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: orchgen\n    static_configs: [{ targets: ["${new URL(stack.api).host}"] }]\n`);
    prometheus = execa('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(storage, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { reject: false, all: true });
  }, 90_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await Promise.all([prometheus, watched?.stop()]);
    rmSync(storage, { recursive: true, force: true });
  }, 60_000);

  it('passes promtool check metrics', async () => {
    const text = await metricsText(stack);
    const check = await execa('promtool', ['check', 'metrics'], { input: text, reject: false, all: true });
    expect(check.all).toBe('');
    expect(check.exitCode).toBe(0);
  });

  it('is scraped: the query API returns every service as up, with its resident memory', async () => {
    const query = async (promql: string) => {
      const answer = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => undefined);
      return answer?.ok ? ((await answer.json()) as Query) : undefined;
    };
    const up = await until('orchgen_service_up in Prometheus', 30_000, async () => {
      const answer = await query('orchgen_service_up');
      return answer && answer.data.result.length === 3 ? answer : undefined;
    });
    expect(up.data.result.map((r) => [r.metric.service, r.metric.target, r.metric.job, r.value[1]]).sort()).toEqual([
      ['api', 'supervisor', 'orchgen', '1'],
      ['db', 'supervisor', 'orchgen', '1'],
      ['web', 'supervisor', 'orchgen', '1'],
    ]);
    const memory = await until('memory of every service in Prometheus', 15_000, async () => {
      const answer = await query('orchgen_service_memory_resident_bytes > 0');
      return answer && answer.data.result.length === 3 ? answer : undefined;
    });
    expect(memory.data.result.map((r) => r.metric.service).sort()).toEqual(['api', 'db', 'web']);
  }, 60_000);
});
