/** The records orchgen keeps in an output folder, beside the artifacts. */
export const manifestName = '.orchgen-manifest.json';
/** Present only between a build's commit point and the end of its apply: what is left to do. */
export const journalName = '.orchgen-journal.json';
/** Where a build writes its changed files before the commit point; flat, one file per journal entry. */
export const stagingName = '.orchgen-staging';
