import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { MissingPrerequisite } from '../../scripts/run-main';
import { installLine } from '../../scripts/setup/machine-plan.mjs';

const run = promisify(execFile);

/**
 * Opens a file in LibreOffice (Debian's libreoffice-writer-nogui, headless) and saves it in
 * `format` — what a member's office suite makes of it. A private profile per call, so runs in
 * parallel do not share LibreOffice's lock.
 */
export async function convertWithLibreOffice(bytes: Uint8Array, fileName: string, format: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pizhu-office-'));
  try {
    const input = join(dir, fileName);
    writeFileSync(input, bytes);
    await run(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--convert-to',
        format,
        '--outdir',
        join(dir, 'out'),
        input,
      ],
      { timeout: 120_000 },
    ).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new MissingPrerequisite(`No LibreOffice: run \`${installLine(['libreoffice-writer-nogui'])}\`.`);
    });
    return readFileSync(join(dir, 'out', fileName.replace(/\.[^.]+$/, `.${format}`)), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
