import { startMimic, type MimicFlavour, type MimicServer } from './webdav-mimic';
import { startServer, type ServerKind, type StartedServer } from './webdav-servers';

/** Every kind of WebDAV server the sync is tested and measured on: Debian's four, then the hand-written stand-ins. */
export const SERVER_KINDS: readonly (ServerKind | MimicFlavour)[] = [
  'apache',
  'lighttpd',
  'nginx',
  'rclone',
  'jianguoyun',
  'seafile',
  'nextcloud',
];

const isMimic = (kind: ServerKind | MimicFlavour): kind is MimicFlavour =>
  kind === 'jianguoyun' || kind === 'seafile' || kind === 'nextcloud';

/** Starts a server of that kind on 127.0.0.1 with one user. */
export function startAnyServer(
  kind: ServerKind | MimicFlavour,
  user: string,
  password: string,
): Promise<StartedServer | MimicServer> {
  return isMimic(kind) ? startMimic(kind, user, password) : startServer(kind, user, password);
}
