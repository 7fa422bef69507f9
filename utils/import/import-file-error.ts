/** Why a file was refused; the UI words it, with `where` (a path in the file) and `detail`. */
export type ImportProblem =
  | 'too-large'
  | 'not-json'
  | 'too-deep'
  | 'forbidden-key'
  | 'not-notes-file'
  | 'invalid'
  | 'no-article'
  // A member's file in the group folder: no signature, one that does not hold, a key other than
  // the member's pinned one (or, for your own file, than yours), or older than one already read.
  | 'unsigned'
  | 'bad-signature'
  | 'key-changed'
  | 'not-yours'
  | 'replay';

export class ImportFileError extends Error {
  /** Set by whoever read the file, so the message can name it among several. */
  fileName = '';

  constructor(
    readonly problem: ImportProblem,
    readonly where: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ImportFileError';
  }
}
