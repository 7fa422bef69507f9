import { memberOfFileName } from './sync-account';
import type { WebdavClient } from './webdav-client';

/**
 * What 测试连接 checks, in the order a user can fix it: the folder can be listed (address,
 * user and password, folder there), and a file can be written and removed in it (rights, space).
 * Every failure is a worded `PizhuError`; `sync-folder-missing` lets the page offer to create it.
 */
export async function testConnection(client: WebdavClient): Promise<{ members: number }> {
  const listed = await client.list();
  const probe = `.pizhu-probe-${crypto.randomUUID()}.txt`;
  await client.put(probe, 'Pizhu checks that it may write here; this file is removed at once.', null);
  await client.remove(probe);
  return { members: listed.filter((entry) => memberOfFileName(entry.name) !== null).length };
}
