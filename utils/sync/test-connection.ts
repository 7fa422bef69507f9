import { memberOfFileName } from './sync-account';
import type { WebdavClient } from './webdav-client';

/**
 * What 测试连接 checks, in the order a user can fix it: the folder can be listed (address,
 * user and password, folder there), and a file can be written and removed in it (rights, space);
 * then whether the server keeps write conditions (`If-Match`), which the page says in words
 * when it does not. Every failure is a worded `PizhuError`; `sync-folder-missing` lets the page
 * offer to create it.
 */
export async function testConnection(client: WebdavClient): Promise<{ members: number; keepsConditions: boolean }> {
  const listed = await client.list();
  const keepsConditions = await client.keepsWriteConditions(`.pizhu-probe-${crypto.randomUUID()}.txt`);
  return { members: listed.filter((entry) => memberOfFileName(entry.name) !== null).length, keepsConditions };
}
