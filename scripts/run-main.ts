/**
 * Runs a script's `main`. What the machine lacks (a build, a browser, a server) is told in one
 * line saying what to run; anything else is a bug and keeps its stack.
 */
export class MissingPrerequisite extends Error {}

/** Ends the process with the one line if `error` is a missing prerequisite; returns any other. */
export function stopIfMissing(error: unknown): unknown {
  if (!(error instanceof MissingPrerequisite)) return error;
  console.error(error.message);
  process.exit(1);
}

export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(stopIfMissing(error));
    process.exit(1);
  });
}
