import type { Path } from '../document.js';
import { code, type ServiceContext } from './context.js';
import { parseInterpolation, variablesOf, wholeVariable } from './interpolation.js';
import { dropSetting, setNative } from './native.js';
import { rawText, scalarText } from './strings.js';

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `environment` in map or list form, as [key, value] with null for a key given without a value. */
export function environmentEntries(value: unknown): Array<[string, string | null, number | string]> | undefined {
  if (Array.isArray(value)) {
    const out: Array<[string, string | null, number]> = [];
    for (const [i, item] of value.entries()) {
      const text = scalarText(item);
      if (text === undefined) return undefined;
      const eq = text.indexOf('=');
      out.push(eq < 0 ? [text, null, i] : [text.slice(0, eq), text.slice(eq + 1), i]);
    }
    return out;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const out: Array<[string, string | null, string]> = [];
  for (const [key, item] of Object.entries(value)) {
    const text = item === null ? null : scalarText(item);
    if (text === undefined) return undefined;
    out.push([key, text, key]);
  }
  return out;
}

/** An env value read, when the service starts, from another environment variable. */
interface SecretRef {
  secret: true;
  from: string;
}

/** A key whose value comes from the environment at start: `required` to start, or passed on only when set. */
interface FromEnvironment {
  environment: 'required' | 'optional';
}

type Imported = string | SecretRef | FromEnvironment;

/** An environment key given without a value, which Compose passes on only when it is set. */
export interface PassThrough {
  service: string;
  key: string;
  at: Path;
}

const required: FromEnvironment = { environment: 'required' };
const optional: FromEnvironment = { environment: 'optional' };

/** Key names that say their value is a secret: a whole-variable value there stays out of the spec. */
export const secretName = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|KEY|APIKEY|CREDENTIAL|CREDENTIALS|PRIVATE)(_|$)/i;

/**
 * `environment` → `env`, `env_required` and `env_optional`: a key without a value is passed on from
 * the environment when set there, as Compose does (`env_optional`), unless it is set now under a
 * secret-looking name (listed in `requiredSecrets`); a secret-named key whose whole value is a
 * variable becomes a secret read from it; any other value is filled in as Compose would now, from
 * .env and the environment.
 */
export function convertEnvironment(ctx: ServiceContext, value: unknown, requiredSecrets: PassThrough[]): void {
  const entries = environmentEntries(value);
  if (!entries) return dropSetting(ctx, ['environment'], value, 'not a map or a list of KEY=VALUE');
  const result = new Map<string, Imported>();
  const set = (key: string, text: Imported) => {
    result.delete(key);
    result.set(key, text);
  };
  for (const [key, text, at] of entries) {
    const where = ['environment', at];
    if (!envName.test(key)) {
      setNative(ctx, ['environment', key], text);
      ctx.warn('W201', `environment key ${code(key)} of ${code(ctx.source)} is not a valid orchgen env name; kept under native.compose.environment`, where, true);
      ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
    } else {
      const imported = text === null ? passedOn(ctx, key, where) : envValue(ctx, key, text, where);
      if (text === null && imported === required) requiredSecrets.push({ service: ctx.source, key, at: ['services', ctx.source, ...where] });
      set(key, imported);
    }
  }
  const env = [...result].filter((e): e is [string, string | SecretRef] => !isFromEnvironment(e[1]));
  const keysFrom = (kind: FromEnvironment['environment']) => [...result].filter(([, v]) => isFromEnvironment(v) && v.environment === kind).map(([k]) => k);
  if (env.length > 0) ctx.out.env = Object.fromEntries(env);
  if (keysFrom('required').length > 0) ctx.out.env_required = keysFrom('required');
  if (keysFrom('optional').length > 0) ctx.out.env_optional = keysFrom('optional');
}

function isFromEnvironment(value: Imported): value is FromEnvironment {
  return typeof value === 'object' && 'environment' in value;
}

/**
 * A key given without a value: Compose passes on its value from .env or the environment, and leaves
 * the key out when it is set in neither. Set there, the value is filled in, except under a
 * secret-looking name: the spec then requires it at start rather than hold it. Set in neither, it is
 * passed on when the stack starts, as Compose would (`env_optional`).
 */
function passedOn(ctx: ServiceContext, key: string, where: Path): string | FromEnvironment {
  if (ctx.interpolator.lookup(key) === undefined) return optional;
  if (secretName.test(key)) {
    ctx.note(['env_required'], `${key}: given without a value and set now; its name says it is a secret, so orchgen requires it at start (Compose passes it on only when set)`);
    return required;
  }
  const filled = ctx.interpolator.fill(parseInterpolation(`\${${key}}`), ['services', ctx.source, ...where]);
  return 'value' in filled ? filled.value : optional;
}

/** The value orchgen gives `key`, or `required` when it must come from the environment by that name. */
function envValue(ctx: ServiceContext, key: string, text: string, where: Path): Imported {
  const parsed = parseInterpolation(text);
  if (parsed.invalid === undefined && variablesOf(parsed).length === 0) return rawText(parsed);
  const whole = wholeVariable(parsed);
  if (parsed.invalid === undefined && whole && secretName.test(key) && whole.operator !== '+' && whole.operator !== ':+') {
    const lost = whole.operator === '-' || whole.operator === ':-' ? `; its default when unset is not kept` : '';
    if (whole.name === key && lost === '') return required;
    ctx.note(['env', key], `was ${text} in the Compose file: a secret, read from $${whole.name} when the service starts${lost}`);
    return { secret: true, from: whole.name };
  }
  // a bad substitution or another unset required variable was refused before (fill-services.ts)
  const filled = ctx.interpolator.fill(parsed, ['services', ctx.source, ...where]);
  if ('value' in filled) return filled.value;
  ctx.note(['env_required'], `${key}: was ${text} in the Compose file; orchgen requires it to be set`);
  return required;
}

/** `env_file`: paths relative to the orchgen.yaml; Compose v2's `required: false` cannot be said. */
export function convertEnvFile(ctx: ServiceContext, value: unknown): void {
  const items = Array.isArray(value) ? value : [value];
  const paths: string[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(value) ? ['env_file', i] : ['env_file'];
    const long = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : undefined;
    const path = long ? long.path : item;
    if (typeof path !== 'string' || path === '') return dropSetting(ctx, at, item, 'not a file path');
    if (long && long.required === false) {
      ctx.warn('W204', `env_file ${code(path)} of ${code(ctx.source)} is optional in Compose (required: false); orchgen reads it as required`, at);
      ctx.note(['env_file'], `${path}: optional in the Compose file (required: false); it must exist now`);
    }
    paths.push(ctx.rebase(path));
  });
  if (paths.length > 0) ctx.out.env_file = paths.length === 1 && !Array.isArray(value) ? paths[0] : paths;
}
