import { FolderLinks } from './paths.js';
import { manifestName } from './names.js';
import { pathList, readRecord } from './records.js';

const advice = 'Remove it to build afresh (the files it listed are then left in place).';

/** The files the previous build wrote, from its manifest; a manifest that names a path outside the folder is refused. */
export function previousFiles(outDir: string, links = new FolderLinks(outDir)): string[] {
  const record = readRecord(outDir, manifestName, 'manifest', advice);
  if (record === undefined) return [];
  return pathList(record, 'files', { name: manifestName, kind: 'manifest', advice }, links);
}
