import { expect, it } from 'vitest';
import { MonitorMetrics } from '../../../src/runtime/monitor/metrics.js';

function series(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

it('starts every series of every service at zero', async () => {
  const text = await new MonitorMetrics('compose', ['db', 'api']).text();
  expect(series(text, 'orchgen_service_restarts_total')).toHaveLength(8);
  expect(series(text, 'orchgen_service_up')).toEqual(['orchgen_service_up{service="db",target="compose"} 0', 'orchgen_service_up{service="api",target="compose"} 0']);
  expect(series(text, 'orchgen_service_health_status').filter((line) => line.endsWith(' 1'))).toEqual([
    'orchgen_service_health_status{service="db",target="compose",status="unknown"} 1',
    'orchgen_service_health_status{service="api",target="compose",status="unknown"} 1',
  ]);
});

it('records checks, standing, restarts, recoveries and resources', async () => {
  const metrics = new MonitorMetrics('pm2', ['db']);
  metrics.check('db', true, 0.003);
  metrics.check('db', false, 0.2);
  metrics.standing('db', 'circuit_open', 'open');
  metrics.restart('db', 'unhealthy');
  metrics.recovery('db', 'recovered');
  metrics.resources('db', { cpuSeconds: 12.5, residentBytes: 1_048_576 });
  metrics.resources('db', { cpuSeconds: 13.25, residentBytes: 2_097_152 });
  metrics.cycleDone(1_700_000_000);
  const text = await metrics.text();
  expect(series(text, 'orchgen_health_checks_total')).toEqual([
    'orchgen_health_checks_total{service="db",target="pm2",result="success"} 1',
    'orchgen_health_checks_total{service="db",target="pm2",result="failure"} 1',
  ]);
  expect(series(text, 'orchgen_health_check_duration_seconds_count')).toEqual(['orchgen_health_check_duration_seconds_count{service="db",target="pm2"} 2']);
  expect(series(text, 'orchgen_circuit_breaker_state').filter((line) => line.endsWith(' 1'))).toEqual(['orchgen_circuit_breaker_state{service="db",target="pm2",state="open"} 1']);
  expect(series(text, 'orchgen_service_up')).toEqual(['orchgen_service_up{service="db",target="pm2"} 0']);
  expect(series(text, 'orchgen_service_restarts_total')).toContain('orchgen_service_restarts_total{service="db",target="pm2",reason="unhealthy"} 1');
  expect(series(text, 'orchgen_recoveries_total')).toContain('orchgen_recoveries_total{service="db",target="pm2",result="recovered"} 1');
  expect(series(text, 'orchgen_service_cpu_seconds_total')).toEqual(['orchgen_service_cpu_seconds_total{service="db",target="pm2"} 13.25']);
  expect(series(text, 'orchgen_service_memory_resident_bytes')).toEqual(['orchgen_service_memory_resident_bytes{service="db",target="pm2"} 2097152']);
  expect(series(text, 'orchgen_monitor_last_cycle_timestamp_seconds')).toEqual(['orchgen_monitor_last_cycle_timestamp_seconds{target="pm2"} 1700000000']);
});
