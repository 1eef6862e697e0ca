const validName = /^[a-z][a-z0-9-]*$/;
const maxLength = 63;

export function isValidName(name: string): boolean {
  return validName.test(name) && name.length <= maxLength;
}

/** `Web_API` → `web-api`, `1st` → `s-1st`: lower case, dashes for everything else, a letter first. */
export function toName(text: string): string {
  let name = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (name === '') return 'service';
  if (!/^[a-z]/.test(name)) name = `s-${name}`;
  return name.slice(0, maxLength).replace(/-+$/, '');
}

/** Valid, distinct names for the given ones, in order; a clash gets `-2`, `-3`, ... */
export function assignNames(originals: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set(originals.filter(isValidName));
  for (const original of originals) {
    if (isValidName(original)) {
      out.set(original, original);
      continue;
    }
    const base = toName(original);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base.slice(0, maxLength - String(n).length - 1)}-${n}`;
    taken.add(name);
    out.set(original, name);
  }
  return out;
}
