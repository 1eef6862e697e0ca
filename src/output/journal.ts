import { lstatSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutputStateError } from './errors.js';
import { journalName, stagingName } from './names.js';
import { FolderLinks } from './paths.js';
import { optionalPathList, pathList, readRecord } from './records.js';

/**
 * What a build still has to do once it has passed its commit point. Entry `i` of `place` is staged
 * as `.orchgen-staging/<i>`; each of `folders` (absent from the output folder when the build
 * began) is staged whole as `.orchgen-staging/tree/<folder>`; `remove` holds only files a manifest listed.
 */
export interface Journal {
  generator: 'orchgen';
  place: string[];
  folders: string[];
  remove: string[];
}

const advice = `Remove it and the ${stagingName} folder, then run \`orchgen build\`.`;

export function journalPending(outDir: string): boolean {
  return lstatSync(join(outDir, journalName), { throwIfNoEntry: false }) !== undefined;
}

/** The journal an interrupted build left, or undefined; refused whole when any entry is unsafe. */
export function readJournal(outDir: string): Journal | undefined {
  const record = readRecord(outDir, journalName, 'journal', advice);
  if (record === undefined) return undefined;
  if (lstatSync(join(outDir, stagingName), { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new OutputStateError(journalName, `cannot finish the interrupted build: ${stagingName} is a symbolic link, and orchgen follows no link out of the output folder; nothing was changed. ${advice}`);
  }
  const links = new FolderLinks(outDir);
  const where = { name: journalName, kind: 'journal', advice };
  // a journal written before folders were placed whole has no `folders`
  const folders = optionalPathList(record, 'folders', where, links);
  return { generator: 'orchgen', place: pathList(record, 'place', where, links), folders, remove: pathList(record, 'remove', where, links) };
}

/** The commit point: the journal appears whole (written beside the staged files, then renamed) or not at all. */
export function commitJournal(outDir: string, journal: Journal): void {
  const temporary = join(outDir, stagingName, 'journal');
  writeFileSync(temporary, JSON.stringify(journal));
  renameSync(temporary, join(outDir, journalName));
}
