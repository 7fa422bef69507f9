import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';

/** However long a test runs, the busy processes stop by themselves after this. */
const LONGEST_MS = 120_000;

/**
 * Runs `journey` while other processes keep every core busy, as on a loaded machine: the
 * browser's processes then get their turns late and in any order, which is what shows a race.
 * The busy processes are started here and stopped here, whatever the journey does.
 */
export async function withBusyCpu<T>(journey: () => Promise<T>): Promise<T> {
  const spin = `const end = Date.now() + ${LONGEST_MS}; while (Date.now() < end) {}`;
  const busy: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }),
  );
  try {
    return await journey();
  } finally {
    await Promise.all(
      busy.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill();
        await exited;
      }),
    );
  }
}
