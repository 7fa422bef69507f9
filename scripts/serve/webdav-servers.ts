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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingPrerequisite } from '../run-main';
import { installLine } from '../setup/machine-plan.mjs';
import { freePort, startWebdavServer, waitForPort, type WebdavServer } from './webdav-server';

/**
 * The WebDAV servers a study group may sync through, each from Debian and started on 127.0.0.1
 * on a free port, for the same sync tests: Apache mod_dav (`webdav-server.ts`), lighttpd's
 * mod_webdav (with Digest auth, SHA-256), nginx's dav module with dav-ext, rclone `serve webdav`.
 * What cannot be installed here (坚果云, Seafile, Nextcloud) is played by `webdav-mimic.ts`.
 * Each takes one user (`user`, `password`); the files live in `root`.
 */
export type ServerKind = 'apache' | 'lighttpd' | 'nginx' | 'rclone';

export interface StartedServer extends Pick<WebdavServer, 'url' | 'dispose' | 'files' | 'readFile' | 'writeFile'> {
  kind: string;
  /** Where the group's folders go: the server address a member types. */
  base: string;
}

const NEEDS: Record<Exclude<ServerKind, 'apache'>, { packages: string[]; files: string[] }> = {
  lighttpd: {
    packages: ['lighttpd', 'lighttpd-mod-webdav'],
    files: ['/usr/sbin/lighttpd', '/usr/lib/lighttpd/mod_webdav.so'],
  },
  nginx: {
    packages: ['nginx', 'libnginx-mod-http-dav-ext'],
    files: ['/usr/sbin/nginx', '/usr/lib/nginx/modules/ngx_http_dav_ext_module.so'],
  },
  rclone: { packages: ['rclone'], files: ['/usr/bin/rclone'] },
};

function find(kind: Exclude<ServerKind, 'apache'>) {
  const { packages, files } = NEEDS[kind];
  if (!files.every((file) => existsSync(file)))
    throw new MissingPrerequisite(`No ${kind} WebDAV server: run \`${installLine(packages)}\`.`);
}

/** A folder for one server: its config, logs and the served files (writable by a server that drops root). */
function workplace(kind: string) {
  const base = mkdtempSync(join(tmpdir(), `pizhu-${kind}-`));
  const root = join(base, 'dav');
  mkdirSync(root);
  chmodSync(base, 0o755);
  chmodSync(root, 0o777);
  return { base, root };
}

async function launch(kind: string, argv: string[], port: number, log: string, env?: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'ignore'], env });
  try {
    await waitForPort(port, child, log, 15_000, kind);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

function served(kind: string, url: string, base: string, root: string, child: ChildProcess): StartedServer {
  return {
    kind,
    url,
    base: url,
    dispose: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(base, { recursive: true, force: true });
    },
    files: (folder) => readdirSync(join(root, folder)).sort(),
    readFile: (path) => readFileSync(join(root, path), 'utf8'),
    writeFile: (path, text) => writeFileSync(join(root, path), text),
  };
}

async function startLighttpd(user: string, password: string): Promise<StartedServer> {
  find('lighttpd');
  const { base, root } = workplace('lighttpd');
  const port = await freePort();
  const log = join(base, 'error.log');
  mkdirSync(join(base, 'upload'), { mode: 0o777 });
  chmodSync(join(base, 'upload'), 0o777);
  writeFileSync(join(base, 'users'), `${user}:${password}\n`);
  writeFileSync(
    join(base, 'lighttpd.conf'),
    [
      `server.document-root = "${root}"`,
      `server.bind = "127.0.0.1"`,
      `server.port = ${port}`,
      `server.errorlog = "${log}"`,
      `server.upload-dirs = ( "${base}/upload" )`,
      'server.modules = ( "mod_webdav", "mod_auth", "mod_authn_file" )',
      'webdav.activate = "enable"',
      'webdav.is-readonly = "disable"',
      'auth.backend = "plain"',
      `auth.backend.plain.userfile = "${base}/users"`,
      // Digest only, SHA-256: what a NAS set up strictly asks for.
      'auth.require = ( "/" => ( "method" => "digest", "algorithm" => "SHA-256", "realm" => "pizhu", "require" => "valid-user" ) )',
      '',
    ].join('\n'),
  );
  const child = await launch('lighttpd', ['/usr/sbin/lighttpd', '-D', '-f', join(base, 'lighttpd.conf')], port, log);
  return served('lighttpd', `http://127.0.0.1:${port}/`, base, root, child);
}

async function startNginx(user: string, password: string): Promise<StartedServer> {
  find('nginx');
  const { base, root } = workplace('nginx');
  const port = await freePort();
  const log = join(base, 'error.log');
  writeFileSync(join(base, 'users'), `${user}:{SHA}${createHash('sha1').update(password).digest('base64')}\n`);
  const temp = (name: string) => `${name}_temp_path ${base}/${name};`;
  writeFileSync(
    join(base, 'nginx.conf'),
    [
      'load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;',
      'daemon off;',
      'master_process off;',
      `pid ${base}/nginx.pid;`,
      `error_log ${log};`,
      'events {}',
      'http {',
      `  access_log off;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${temp(name)}`),
      '  server {',
      `    listen 127.0.0.1:${port};`,
      `    root ${root};`,
      '    client_max_body_size 0;',
      '    location / {',
      '      dav_methods PUT DELETE MKCOL COPY MOVE;',
      '      dav_ext_methods PROPFIND OPTIONS;',
      '      dav_access user:rw group:rw all:rw;',
      '      auth_basic pizhu;',
      `      auth_basic_user_file ${base}/users;`,
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const child = await launch('nginx', ['/usr/sbin/nginx', '-c', join(base, 'nginx.conf'), '-p', base], port, log);
  return served('nginx', `http://127.0.0.1:${port}/`, base, root, child);
}

async function startRclone(user: string, password: string): Promise<StartedServer> {
  find('rclone');
  const { base, root } = workplace('rclone');
  const port = await freePort();
  const log = join(base, 'rclone.log');
  writeFileSync(join(base, 'rclone.conf'), '');
  const argv = [
    '/usr/bin/rclone',
    'serve',
    'webdav',
    root,
    '--addr',
    `127.0.0.1:${port}`,
    '--user',
    user,
    '--pass',
    password,
    '--config',
    join(base, 'rclone.conf'),
    '--log-file',
    log,
  ];
  const child = await launch('rclone', argv, port, log);
  return served('rclone', `http://127.0.0.1:${port}/`, base, root, child);
}

export async function startServer(kind: ServerKind, user: string, password: string): Promise<StartedServer> {
  if (kind === 'lighttpd') return startLighttpd(user, password);
  if (kind === 'nginx') return startNginx(user, password);
  if (kind === 'rclone') return startRclone(user, password);
  const apache = await startWebdavServer({ users: { [user]: password } });
  return { kind, ...apache, base: apache.url };
}
