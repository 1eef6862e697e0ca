import type { Service } from '../../model/types.js';
import { dockerStopMarginMs } from '../shared/container/stop-margin.js';
import { shellJoin } from '../shared/shell.js';
import { programArgv } from './command.js';
import { environmentValue, programEnv } from './environment.js';
import { iniValue } from './ini.js';
import { withNative } from './native.js';
import { restartSettings } from './restart.js';
import type { Setting } from './setting.js';
import { seconds } from './time.js';

export interface Program {
  name: string;
  /** Comment lines above the section. */
  comments: string[];
  settings: Setting[];
}

export interface ProgramPlace {
  /** The program's name; the container keeps the service's name, whichever variant runs. */
  name: string;
  project: string;
  container: string;
  logFile: string;
  priority: number;
  autostart: boolean;
  /** Some service waits for this one to complete. */
  completes: boolean;
  sourceDir: string;
}

/** One `[program:x]` section for a service, or for one of its fallback variants. */
export function program(service: Service, place: ProgramPlace): Program {
  const env = programEnv(service);
  const onHost = service.kind === 'process';
  const settings: Array<Setting | undefined> = [
    { key: 'command', value: iniValue(shellJoin(programArgv(service, place))) },
    onHost && service.workdir !== undefined ? { key: 'directory', value: iniValue(service.workdir) } : undefined,
    onHost && service.user !== undefined ? { key: 'user', value: iniValue(service.user) } : undefined,
    env.length > 0 ? { key: 'environment', value: environmentValue(env) } : undefined,
    { key: 'priority', value: String(place.priority) },
    { key: 'autostart', value: String(place.autostart) },
    ...restartSettings(service.restart, place.completes),
    { key: 'stopsignal', value: service.stop.signal.replace(/^SIG/, '') },
    { key: 'stopwaitsecs', value: String(seconds(service.stop.timeoutMs + (service.kind === 'container' ? dockerStopMarginMs : 0))) },
    { key: 'stopasgroup', value: 'true' },
    { key: 'killasgroup', value: 'true' },
    { key: 'redirect_stderr', value: 'true' },
    // supervisord formats log file paths twice
    { key: 'stdout_logfile', value: iniValue(place.logFile, 2) },
  ];
  return {
    name: place.name,
    comments: service.description === undefined ? [] : service.description.split(/\r\n|\r|\n/),
    settings: withNative(settings.filter((s): s is Setting => s !== undefined), service.native.supervisor),
  };
}
