import { describe, expect, it } from 'vitest';
import { PizhuError } from '@/utils/errors';
import { readMultistatus } from '@/utils/sync/multistatus';
import { folderUrlOf, memberOfFileName, originPatternOf } from '@/utils/sync/sync-account';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof PizhuError ? error.code : String(error);
  }
  return null;
};

describe('the group folder’s address', () => {
  it('joins the server and the folder, each segment encoded', () => {
    expect(folderUrlOf({ server: 'https://dav.jianguoyun.com/dav/', folder: '学习小组/pizhu' })).toBe(
      'https://dav.jianguoyun.com/dav/%E5%AD%A6%E4%B9%A0%E5%B0%8F%E7%BB%84/pizhu/',
    );
    expect(folderUrlOf({ server: 'https://cloud.example.org/remote.php/dav/files/wang', folder: '/pizhu/' })).toBe(
      'https://cloud.example.org/remote.php/dav/files/wang/pizhu/',
    );
  });

  it('requires https, except on this computer, and refuses a folder that climbs out', () => {
    expect(codeOf(() => folderUrlOf({ server: 'http://dav.example.org/', folder: 'pizhu' }))).toBe('sync-insecure');
    expect(codeOf(() => folderUrlOf({ server: 'ftp://dav.example.org/', folder: 'pizhu' }))).toBe('sync-insecure');
    expect(codeOf(() => folderUrlOf({ server: 'dav.example.org', folder: 'pizhu' }))).toBe('sync-insecure');
    expect(codeOf(() => folderUrlOf({ server: 'https://u:p@dav.example.org/', folder: 'pizhu' }))).toBe(
      'sync-insecure',
    );
    expect(codeOf(() => folderUrlOf({ server: 'https://dav.example.org/dav/', folder: '../other' }))).toBe(
      'sync-folder-missing',
    );
    expect(folderUrlOf({ server: 'http://127.0.0.1:8080/', folder: 'pizhu' })).toBe('http://127.0.0.1:8080/pizhu/');
    expect(folderUrlOf({ server: 'http://localhost/dav', folder: 'pizhu' })).toBe('http://localhost/dav/pizhu/');
  });

  it('asks for that server’s origin only, and knows member files from anything else in the folder', () => {
    expect(originPatternOf('https://dav.jianguoyun.com/dav/pizhu/')).toBe('https://dav.jianguoyun.com/*');
    expect(originPatternOf('http://127.0.0.1:8080/pizhu/')).toBe('http://127.0.0.1/*');
    const id = '6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f';
    expect(memberOfFileName(`${id}.json`)).toBe(id);
    for (const name of [`${id}.json.bak`, 'notes.json', `.${id}.json`, `${id.toUpperCase()}.json`, `../${id}.json`])
      expect(memberOfFileName(name)).toBeNull();
  });
});

describe('a PROPFIND answer', () => {
  it('reads Nextcloud’s form: d: prefix, encoded names, a folder inside, a property not found', () => {
    const xml = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/wang/%E5%B0%8F%E7%BB%84/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><d:getetag>"f0"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/wang/%E5%B0%8F%E7%BB%84/a%20b.json</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;abc&amp;1&quot;</d:getetag><d:getcontentlength>42</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><oc:size/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/wang/%E5%B0%8F%E7%BB%84/sub/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
</d:multistatus>`;
    expect(readMultistatus(xml, '/remote.php/dav/files/wang/%E5%B0%8F%E7%BB%84/')).toEqual([
      { name: 'a b.json', etag: '"abc&1"', size: 42, modified: null },
    ]);
  });

  it('reads absolute hrefs and unprefixed elements, and skips what lies outside the folder', () => {
    const xml = `<multistatus xmlns="DAV:">
 <response><href>https://dav.example.org/dav/pizhu/x.json</href><propstat><prop><getetag>W/"w1"</getetag></prop></propstat></response>
 <response><href>/dav/other/y.json</href><propstat><prop><getetag>"y"</getetag></prop></propstat></response>
 <response><href>/dav/pizhu/deeper/z.json</href><propstat><prop><getetag>"z"</getetag></prop></propstat></response>
 <response><propstat><prop><getetag>"no-href"</getetag></prop></propstat></response>
</multistatus>`;
    expect(readMultistatus(xml, '/dav/pizhu/')).toEqual([
      { name: 'x.json', etag: 'W/"w1"', size: null, modified: null },
    ]);
  });

  it('reads comments, CDATA and a response of its own status, and refuses what is not a whole listing', () => {
    const xml = `<?xml version="1.0"?><!-- a server's note --><D:multistatus xmlns:D="DAV:">
 <D:response><D:href><![CDATA[/dav/pizhu/a&b.json]]></D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop></D:propstat></D:response>
 <D:response><D:href>/dav/pizhu/gone.json</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
</D:multistatus>`;
    expect(readMultistatus(xml, '/dav/pizhu/')).toEqual([
      { name: 'a&b.json', etag: '"1"', size: null, modified: null },
    ]);
    for (const answer of [
      '<html><body>维护中</body></html>',
      '<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/pizhu/x.json</d:href></d:response>',
      `<d:multistatus xmlns:d="DAV:">${'<d:response>'.repeat(100)}</d:multistatus>`,
      '<d:multistatus xmlns:d="DAV:"><!-- never ends </d:multistatus>',
      '<d:multistatus xmlns:d="DAV:"><d:response a="',
    ])
      expect(codeOf(() => readMultistatus(answer, '/dav/pizhu/'))).toBe('sync-bad-answer');
  });
});
