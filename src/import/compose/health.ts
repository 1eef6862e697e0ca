import { composeDuration } from '../duration.js';
import { commandWords } from './command.js';
import { code, type ServiceContext } from './context.js';
import { dropSetting, inlineYaml, keepNative, setNative } from './native.js';
import { literalValue } from './strings.js';

const timings = ['interval', 'timeout', 'start_period', 'start_interval'] as const;
/** Docker reads a zero interval, timeout or start interval as its own default: in the spec they are left out. */
const zeroIsDefault = new Set<string>(['interval', 'timeout', 'start_interval']);

/**
 * `healthcheck` → `health.exec`: CMD keeps its words, CMD-SHELL and a string become a shell command.
 * An http check stays the command it was (it runs inside the container, with the image's tools).
 * Timings the Compose file leaves out get Compose's defaults (see `defaults.health`).
 */
export function convertHealthcheck(ctx: ServiceContext, value: unknown, composeDefaults: Set<string>): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return dropSetting(ctx, ['healthcheck'], value, 'not a map');
  const check = value as Record<string, unknown>;
  if (check.disable === true) return;
  if (Object.keys(check).every((key) => key === 'disable' && check.disable === false)) return;
  const test = testOf(ctx, check.test);
  if (test === 'none') return;
  if (test === undefined) return keepNative(ctx, 'healthcheck', value, 'it changes the timings of the health check the image defines, which orchgen cannot see');
  const health: Record<string, unknown> = { exec: test, ...healthTimings(ctx, check, composeDefaults) };
  if (check.retries !== undefined) {
    const retries = typeof check.retries === 'string' && /^[0-9]+$/.test(check.retries) ? Number(check.retries) : check.retries;
    if (typeof retries === 'number' && Number.isInteger(retries) && retries >= 1) health.retries = retries;
    else dropSetting(ctx, ['healthcheck', 'retries'], check.retries, 'not a whole number of at least 1');
  }
  ctx.out.health = order(health);
  for (const key of Object.keys(check).filter((k) => !['test', 'disable', 'retries', ...timings].includes(k))) {
    setNative(ctx, ['healthcheck', key], check[key]);
    ctx.warn('W201', `healthcheck ${code(key)} of ${code(ctx.source)} has no place in orchgen's spec; kept under native.compose.healthcheck`, ['healthcheck', key]);
    ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
  }
}

/** interval, timeout, start_period and start_interval as orchgen durations; the ones that are not durations dropped, in one warning. */
function healthTimings(ctx: ServiceContext, check: Record<string, unknown>, composeDefaults: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  const invalid: string[] = [];
  for (const key of timings) {
    const raw = check[key];
    const duration = raw === undefined ? undefined : composeDuration(raw);
    if (raw === undefined || (duration?.text === '0s' && zeroIsDefault.has(key))) {
      if (key === 'interval' || key === 'timeout') composeDefaults.add(`health.${key}`);
      continue;
    }
    if (!duration) {
      invalid.push(key);
      ctx.note([], `dropped healthcheck.${key}: ${inlineYaml(raw)} (not a duration)`);
      continue;
    }
    if (duration.rounded) ctx.warn('W204', `healthcheck ${key} ${code(String(raw))} of ${code(ctx.source)} rounded to ${duration.text}`, ['healthcheck', key], true);
    out[key] = duration.text;
  }
  if (invalid.length > 0) ctx.warn('W205', `healthcheck ${invalid.join(', ')} of ${code(ctx.source)} dropped: not ${invalid.length === 1 ? 'a duration' : 'durations'}`, ['healthcheck', invalid[0]!]);
  return out;
}

/** The exec check, 'none' for a disabled one, undefined when there is no test. */
function testOf(ctx: ServiceContext, test: unknown): string[] | string | 'none' | undefined {
  if (test === undefined || (Array.isArray(test) && test.length === 0)) return undefined;
  if (typeof test === 'string') return literalValue(test);
  if (!Array.isArray(test)) return undefined;
  const [kind, ...rest] = test as unknown[];
  if (kind === 'NONE') return 'none';
  if (kind === 'CMD' && rest.length > 0) return commandWords(ctx, rest, 'healthcheck test', ['healthcheck', 'test'], ['health', 'exec']);
  if (kind === 'CMD-SHELL' && rest.length > 0) {
    const words = commandWords(ctx, rest, 'healthcheck test', ['healthcheck', 'test'], ['health', 'exec']);
    return Array.isArray(words) ? words.join(' ') : words;
  }
  return undefined;
}

function order(health: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['exec', 'interval', 'timeout', 'retries', 'start_period', 'start_interval']) if (health[key] !== undefined) out[key] = health[key];
  return out;
}
