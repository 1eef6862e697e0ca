import { composeDuration } from '../duration.js';
import { code, type ServiceContext } from './context.js';
import { dropSetting, keepNative } from './native.js';
import { scalarText } from './strings.js';

const signals = new Set(['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGKILL', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH']);

/** `restart`: `no`, `always`, `on-failure[:N]`; `unless-stopped` is `always` to orchgen. */
export function convertRestart(ctx: ServiceContext, value: unknown): void {
  const text = value === false ? 'no' : scalarText(value);
  const match = text === undefined ? null : /^(no|always|unless-stopped|on-failure)(?::([0-9]+))?$/.exec(text);
  if (!match || (match[2] !== undefined && match[1] !== 'on-failure')) return dropSetting(ctx, ['restart'], value, 'not a restart policy Compose knows');
  const [, policy, attempts] = match;
  if (policy === 'unless-stopped') {
    ctx.warn('W204', `restart ${code('unless-stopped')} of ${code(ctx.source)} becomes ${code('always')}: orchgen cannot tell a service stopped by hand from one the engine restarted`, ['restart'], true);
    ctx.note(['restart'], 'unless-stopped in the Compose file');
    ctx.out.restart = 'always';
  } else if (attempts !== undefined && Number(attempts) > 0) ctx.out.restart = { policy: 'on-failure', max_attempts: Number(attempts) };
  else ctx.out.restart = policy;
}

/** `stop_signal` and `stop_grace_period` → `stop`. */
export function convertStop(ctx: ServiceContext, signal: unknown, grace: unknown): void {
  const stop: Record<string, unknown> = {};
  if (signal !== undefined) {
    const text = scalarText(signal)?.toUpperCase();
    const name = text === undefined ? undefined : text.startsWith('SIG') ? text : `SIG${text}`;
    if (name !== undefined && signals.has(name)) stop.signal = name;
    else keepNative(ctx, 'stop_signal', signal, `orchgen stops with ${[...signals].join(', ')} only`);
  }
  if (grace !== undefined) {
    const duration = composeDuration(grace);
    if (!duration) dropSetting(ctx, ['stop_grace_period'], grace, 'not a duration');
    else {
      if (duration.rounded) ctx.warn('W204', `stop_grace_period ${code(String(grace))} of ${code(ctx.source)} rounded to ${duration.text}`, ['stop_grace_period'], true);
      stop.timeout = duration.text;
    }
  }
  if (Object.keys(stop).length > 0) ctx.out.stop = stop;
}
