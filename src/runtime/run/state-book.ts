import { writeState, type RuntimeState, type ServiceRecord } from '../state.js';

/**
 * The state file as one run of `up` keeps it: written at once after every change, so that a crash
 * of orchgen or of the tool at any point leaves what the next `up` or `down` needs.
 */
export class StateBook {
  constructor(
    private readonly stateDir: string,
    readonly state: RuntimeState,
  ) {}

  record(name: string): ServiceRecord | undefined {
    return this.state.services[name];
  }

  /** Written before the start: a crash right after it still leaves the service known. */
  starting(name: string, record: ServiceRecord): void {
    this.state.services[name] = { ...record, ready: false };
    this.save();
  }

  ready(name: string): void {
    this.state.services[name] = { ...this.state.services[name]!, ready: true };
    this.save();
  }

  forget(name: string): void {
    delete this.state.services[name];
    this.save();
  }

  readonly save = (): void => writeState(this.stateDir, this.state);
}
