import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingPrerequisite } from '../run-main';
import { installLine } from '../setup/machine-plan.mjs';

/**
 * A real WebDAV server for tests and benchmarks: Debian's Apache with mod_dav on 127.0.0.1 (no
 * hand-written stand-in), with Basic authentication. `FileETag Digest` gives strong ETags (by
 * content): Apache's default ETag is weak within a second of a write, and `If-Match` never
 * matches a weak ETag. `diskBytes` puts the folder on a tmpfs of that size in a mount namespace
 * of its own (needs root, as CI is), so a write past it is a real full disk: Apache answers 507.
 * Such a disk is seen only by the server: `files` and `readFile` do not reach it, and it is
 * empty again after a restart.
 */
export interface WebdavServer {
  /** The server's address, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Where the served files are on disk. */
  root: string;
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same files (after `stop`). */
  start(): Promise<void>;
  /** Removes everything: the process and the files. */
  dispose(): Promise<void>;
  /** The names of the files in a folder on disk. */
  files(folder: string): string[];
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  /** Every request the server answered so far: method, status, bytes received and sent (headers included), client. */
  requests(): { method: string; status: number; bytesIn: number; bytesOut: number; userAgent: string }[];
}

const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';

/** Throws, saying what to install, when Debian's Apache with mod_dav is not there. */
export function findApache(): void {
  if (!existsSync(APACHE) || !existsSync(`${MODULES}/mod_dav_fs.so`)) {
    throw new MissingPrerequisite(`No Apache with mod_dav: run \`${installLine(['apache2'])}\`.`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `child` (named `name` in errors) listens on `port`, or says why it did not. */
export async function waitForPort(
  port: number,
  child: ChildProcess,
  log: string,
  timeoutMs = 15_000,
  name = 'apache2',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${readLog(log)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${name} did not listen on ${port}: ${readLog(log)}`);
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2000);
  } catch {
    return '(no log)';
  }
}

export async function startWebdavServer(options: {
  users: Record<string, string>;
  diskBytes?: number;
}): Promise<WebdavServer> {
  findApache();
  const base = mkdtempSync(join(tmpdir(), 'pizhu-dav-'));
  const root = join(base, 'dav');
  const lock = join(base, 'lock');
  mkdirSync(root);
  mkdirSync(lock);
  // Apache started as root serves as www-data: the folders must be writable by it.
  chmodSync(base, 0o755);
  chmodSync(root, 0o777);
  chmodSync(lock, 0o777);
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    join(base, 'users'),
    Object.entries(options.users)
      .map(([user, password]) => `${user}:{SHA}${createHash('sha1').update(password).digest('base64')}\n`)
      .join(''),
  );
  const port = await freePort();
  const log = join(base, 'error.log');
  const modules = ['mpm_event', 'authz_core', 'authn_core', 'authn_file', 'auth_basic', 'authz_user', 'dav', 'dav_fs'];
  writeFileSync(
    join(base, 'httpd.conf'),
    [
      `ServerRoot ${base}`,
      'ServerName 127.0.0.1',
      `Listen 127.0.0.1:${port}`,
      `PidFile ${base}/httpd.pid`,
      `ErrorLog ${log}`,
      'LogFormat "%m %>s %I %O %{User-Agent}i" pizhu',
      `CustomLog ${base}/access.log pizhu`,
      ...(asRoot ? ['User www-data', 'Group www-data'] : []),
      ...modules.map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`),
      `DAVLockDB ${lock}/DavLock`,
      `DocumentRoot ${root}`,
      `<Directory ${root}>`,
      '  Dav On',
      '  FileETag Digest',
      '  AuthType Basic',
      '  AuthName pizhu',
      `  AuthUserFile ${base}/users`,
      '  Require valid-user',
      '</Directory>',
      '',
    ].join('\n'),
  );
  const apache = [APACHE, '-f', join(base, 'httpd.conf'), '-D', 'FOREGROUND'];
  let child: ChildProcess | null = null;

  const start = async () => {
    let command: string[];
    if (options.diskBytes !== undefined) {
      if (!asRoot) throw new Error('a WebDAV server with a small disk needs root (a tmpfs mount)');
      // The tmpfs lives in the server's own mount namespace, so it goes when the server does.
      const mount = `mount -t tmpfs -o size=${options.diskBytes},mode=1777 pizhu-dav ${root}`;
      command = [
        'unshare',
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        `${mount} && exec "$@"`,
        'sh',
        ...apache,
      ];
    } else {
      command = apache;
    }
    child = spawn(command[0]!, command.slice(1), { stdio: 'ignore' });
    await waitForPort(port, child, log);
  };

  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };

  await start();
  return {
    url: `http://127.0.0.1:${port}/`,
    root,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(base, { recursive: true, force: true });
    },
    files: (folder) => readdirSync(join(root, folder)).sort(),
    readFile: (path) => readFileSync(join(root, path), 'utf8'),
    writeFile: (path, text) => writeFileSync(join(root, path), text),
    requests: () => {
      let text = '';
      try {
        text = readFileSync(join(base, 'access.log'), 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [method, status, bytesIn, bytesOut, ...agent] = line.split(' ');
          return {
            method: method!,
            status: Number(status),
            bytesIn: Number(bytesIn),
            bytesOut: Number(bytesOut),
            userAgent: agent.join(' '),
          };
        });
    },
  };
}
