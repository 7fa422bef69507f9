import { PizhuError } from '../errors';

/** What the user enters in 小组同步. */
export interface SyncAccountInput {
  server: string;
  user: string;
  password: string;
  /** The group's folder under the server address, e.g. `学习小组/pizhu`. */
  folder: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The group folder's address from what the user typed. HTTPS is required, except on this
 * computer: the password travels with every request.
 */
export function folderUrlOf(input: Pick<SyncAccountInput, 'server' | 'folder'>): string {
  let server: URL;
  try {
    server = new URL(input.server.trim());
  } catch {
    throw new PizhuError('sync-insecure', 'the server address is not an address');
  }
  if (server.protocol !== 'https:' && !(server.protocol === 'http:' && LOCAL_HOSTS.has(server.hostname))) {
    throw new PizhuError('sync-insecure', `${server.protocol} is not https`);
  }
  if (server.username || server.password) throw new PizhuError('sync-insecure', 'credentials in the address');
  const segments = input.folder
    .split('/')
    .map((segment) => segment.trim())
    .filter(Boolean);
  if (segments.some((segment) => segment === '.' || segment === '..'))
    throw new PizhuError('sync-folder-missing', 'the folder may not climb out of the server address');
  const base = server.pathname.endsWith('/') ? server.pathname : `${server.pathname}/`;
  const path = base + segments.map((segment) => `${encodeURIComponent(segment)}/`).join('');
  return new URL(path, server.origin).href;
}

/** The host permission to ask for: that server's origin and nothing else (match patterns take any port). */
export function originPatternOf(folderUrl: string): string {
  const { protocol, hostname } = new URL(folderUrl);
  return `${protocol}//${hostname}/*`;
}

/** A member's file in the group folder. */
export const memberFileName = (memberId: string) => `${memberId}.json`;

const MEMBER_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;

/** The member a file in the folder belongs to, or null for anything else the folder holds. */
export function memberOfFileName(name: string): string | null {
  return MEMBER_FILE.exec(name)?.[1] ?? null;
}
