/**
 * Rendered text is built by appending many small pieces, which V8 keeps as a tree of them (a rope)
 * several times the size of the text itself; reading one character makes V8 copy the text into
 * one piece and free the tree. Flattening each part of a large file as soon as it is rendered keeps
 * the trees young and small, so the garbage collector does not copy them again and again.
 */
export function flatText(text: string): string {
  text.charCodeAt(0);
  return text;
}
