/** A lone UTF-16 surrogate has no UTF-8 form: no file, argument or environment can hold it. */
export function hasLoneSurrogate(text: string): boolean {
  return !text.isWellFormed();
}
