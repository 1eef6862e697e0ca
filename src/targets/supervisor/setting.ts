/** One `key=value` line of a section; `value` is already written for supervisord. */
export interface Setting {
  key: string;
  value: string;
}
