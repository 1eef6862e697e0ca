import { posix } from 'node:path';
import type { Service } from '../../model/types.js';
import { appEnv } from './env.js';
import { FromSpec, OptionalFrom, RequiredFrom, SecretFrom, type JsObject } from './js.js';
import { launch, type Launch } from './launch.js';
import { appName, appNamespace, logFileNames } from './names.js';
import { mergeNative } from './native.js';
import { restartSettings, stopSettings } from './restart.js';

export interface App {
  app: JsObject;
  env: Array<[string, string]>;
  how: Launch;
}

/** One PM2 app for a service (or a fallback variant, under the same name). */
export function buildApp(project: string, logDir: string | undefined, service: Service): App {
  const env = appEnv(service);
  const how = launch(project, service);
  const name = appName(project, service.name);
  const app: JsObject = {
    name,
    namespace: appNamespace(project),
    script: how.script,
    args: how.args,
    interpreter: 'none',
    cwd: service.kind === 'process' && service.workdir !== undefined ? service.workdir : new FromSpec('.', ''),
    ...(service.kind === 'process' && service.user !== undefined ? { uid: service.user } : {}),
    env: { ...requiredOf(service, name), ...optionalOf(service), ...Object.fromEntries(env), ...secretsOf(service, name) },
    ...restartSettings(service),
    ...stopSettings(service),
    ...(service.kind === 'process' && service.resources.memoryBytes !== undefined ? { max_memory_restart: service.resources.memoryBytes } : {}),
    ...(logDir === undefined ? {} : logFiles(logDir, name)),
  };
  return { app: mergeNative(app, service.native.pm2), env, how };
}

/** merge_logs keeps the names exact: without it PM2 appends the app's id. */
function logFiles(logDir: string, name: string): JsObject {
  const files = logFileNames(name);
  return { out_file: posix.join(logDir, files.out), error_file: posix.join(logDir, files.error), merge_logs: true };
}

/** Each required variable as a call that refuses to load the file while it is unset. */
function requiredOf(service: Service, app: string): JsObject {
  return Object.fromEntries(service.envRequired.map((key) => [key, new RequiredFrom(app, key)]));
}

/** Each optional variable as a spread that adds it only when it is set: an unset one is no key at all, not an empty value. */
function optionalOf(service: Service): JsObject {
  return Object.fromEntries(service.envOptional.map((key) => [key, new OptionalFrom(key)]));
}

/** Each secret as a call that reads it when PM2 loads the file; the value is never written. */
function secretsOf(service: Service, app: string): JsObject {
  return Object.fromEntries(service.secrets.map(({ key, from }) => [key, new SecretFrom(from, app, key)]));
}
