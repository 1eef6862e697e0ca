import { whyNotPlainPath } from './carry.js';
import { checkCommand, commandArgv } from './command.js';
import { clearLeftover, externalVolumesCheck, runArgv } from './container.js';
import { refuse, specPath, type UnitContext } from './context.js';
import { dependencyEntries, dependencyGuards } from './dependencies.js';
import { checkedEnvFiles, environmentEntries, environmentFileEntries, optionalEnvEntries, requiredEnvEntries } from './env.js';
import { descriptionText, escapeSpecifiers, execLine } from './escape.js';
import { hardeningEntries } from './hardening.js';
import { pullDependency } from './image.js';
import { networkDependency } from './network.js';
import { readinessEntries } from './health.js';
import { targetUnitName } from './names.js';
import { mergeNative } from './native.js';
import { resourceEntries } from './resources.js';
import { restartEntries } from './restart.js';
import { secretsEntries } from './secrets.js';
import { entry, type Entry, type UnitFile } from './sections.js';
import { stopEntries } from './stop.js';

/** The unit of one service (or of one fallback variant, to compare with the normal one). */
export function serviceUnit(ctx: UnitContext): UnitFile {
  const { model, service } = ctx;
  const restart = restartEntries(ctx);
  const unit: UnitFile = {
    Unit: [
      entry('Description', descriptionText(service.description ?? `${model.project} ${service.name}`)),
      entry('PartOf', targetUnitName(model.project)),
      ...dependencyEntries(ctx),
      ...pullDependency(ctx),
      ...networkDependency(ctx),
      ...restart.unit,
    ],
    Service: [
      ...typeEntries(ctx),
      entry('SyslogIdentifier', service.name),
      ...dependencyGuards(ctx),
      ...identityEntries(ctx),
      ...environmentEntries(ctx),
      ...startEntries(ctx),
      ...readinessEntries(ctx),
      ...stopEntries(ctx),
      ...restart.service,
      ...resourceEntries(ctx),
      ...hardeningEntries(ctx),
    ],
    Install: [entry('WantedBy', targetUnitName(model.project))],
  };
  return mergeNative(ctx, unit);
}

function typeEntries(ctx: UnitContext): Entry[] {
  return ctx.oneshot ? [entry('Type', 'oneshot'), entry('RemainAfterExit', 'yes')] : [entry('Type', 'exec')];
}

/** User= and WorkingDirectory= for a process; a container gets them as engine flags. */
function identityEntries(ctx: UnitContext): Entry[] {
  const { service } = ctx;
  if (service.kind === 'container') return [];
  const entries: Entry[] = [];
  if (service.user !== undefined) entries.push(entry('User', service.user));
  if (service.workdir !== undefined) {
    const reason = whyNotPlainPath(service.workdir);
    if (reason) refuse(ctx, `workdir "${service.workdir}"`, reason, specPath(ctx, 'workdir'));
    else entries.push(entry('WorkingDirectory', escapeSpecifiers(service.workdir)));
  }
  return entries;
}

/** Secrets, env files, required and optional keys, the leftover container's removal, then the command itself. */
function startEntries(ctx: UnitContext): Entry[] {
  const { service } = ctx;
  const secrets = secretsEntries(ctx);
  const envFiles = checkedEnvFiles(ctx);
  const required = requiredEnvEntries(ctx);
  const optional = optionalEnvEntries(ctx);
  if (service.kind === 'container') {
    const run = runArgv(ctx, envFiles);
    if (envFiles.length > 0) ctx.notes.push('env_file is read by the engine (--env-file): KEY=VALUE lines taken as they are');
    const volumes = externalVolumesCheck(ctx);
    const volumeCheck = volumes === undefined ? [] : [entry('ExecStartPre', execLine(volumes))];
    return [...secrets, ...required.file, ...optional, ...required.check, ...volumeCheck, entry('ExecStartPre', `-${execLine(clearLeftover(ctx))}`), entry('ExecStart', execLine(run))];
  }
  if (envFiles.length > 0 && service.env.length > 0) ctx.notes.push('variables from EnvironmentFile= override those of Environment= (systemd reads the files last)');
  const command = service.command!;
  const start = checkCommand(ctx, command, specPath(ctx, 'command'), 'command', true) ? [entry('ExecStart', execLine(commandArgv(command)))] : [];
  return [...secrets, ...environmentFileEntries(envFiles), ...required.file, ...optional, ...required.check, ...start];
}
