// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkPersonNames, checkPublishedIso, checkSource, checkTitle } from '@/utils/extract/metadata/field-checks';
import { readScriptData } from '@/utils/extract/metadata/script-data';
import { siteFamiliesFor } from '@/utils/extract/site-families';
import { parseHtml } from '../../scripts/node/analyze-html';

/** What the reader is shown in each field: a value that is not of the field's kind is none. */
describe('field checks', () => {
  it.each([
    ['本报记者 王乐文 方 敏', '王乐文 方敏'],
    ['记者张三、李四', '张三 李四'],
    ['姚峰 上海', '姚峰'],
    ['张三发自北京', '张三'],
    ['文/图 陈明', '陈明'],
    ['文静', '文静'],
    ['约翰·史密斯', '约翰·史密斯'],
    ['欧阳修文', '欧阳修文'],
    ['李曦_NN2587', '李曦'],
    ['By Jane Doe and John Smith', 'Jane Doe John Smith'],
  ])('作者/责编 %s is shown as %s', (value, shown) => expect(checkPersonNames(value)).toBe(shown));

  it.each([
    '举报',
    '有片',
    '新华社',
    '人民日报社',
    '北京',
    '2024-05-01',
    '粉丝 - 1 关注 - 0',
    'BBC News',
    '转载',
    '责任编辑',
  ])('作者/责编 %s is no name', (value) => expect(checkPersonNames(value)).toBeNull());

  it('takes a Latin user name only where a label says it is a person', () => {
    expect(checkPersonNames('biaoffeng')).toBeNull();
    expect(checkPersonNames('biaoffeng', { labelled: true })).toBe('biaoffeng');
    expect(checkPersonNames('admin', { labelled: true })).toBeNull();
    // A desk's login (责任编辑：news) names no person.
    expect(checkPersonNames('news', { labelled: true })).toBeNull();
  });

  it.each(['新华社', '人民网－人民日报', '中国证券报·中证网(北京)', '上海发布', '扬眼', '国家统计局'])(
    '来源 %s is an outlet',
    (value) => expect(checkSource(value)).toBe(value),
  );

  it.each([
    '反馈',
    '閱讀整篇文章',
    '最新推荐文章于',
    '发表于',
    '转载',
    '2024-05-01 10:00',
    '记者张三',
    '本文经授权转载，如有侵权请联系删除。',
    '来源',
    '访问量',
    '江苏',
  ])('来源 %s is no outlet', (value) => expect(checkSource(value)).toBeNull());

  it('takes a 发布时间 only when it is a real day, not after the page was read', () => {
    const readAt = Date.UTC(2024, 4, 20);
    expect(checkPublishedIso('2024-05-19T10:00+08:00', readAt)).toBe('2024-05-19T10:00+08:00');
    expect(checkPublishedIso('2024-06-01', readAt)).toBeNull();
    expect(checkPublishedIso('2023-02-30', readAt)).toBeNull();
    expect(checkPublishedIso('1970-01-01', readAt)).toBeNull();
    // A document older than the web, under a label that says it was issued then (解釋公布日期).
    expect(checkPublishedIso('1949-01-06', readAt, { labelled: true })).toBe('1949-01-06');
  });

  it('shows a title as plain text', () => {
    expect(checkTitle('<em>两会</em>特别报道 &lt;br&gt;')).toBe('两会 特别报道');
  });
});

describe('a portal’s script data', () => {
  it('is read only for the families that cover the address, and only the article’s own keys', () => {
    const document = parseHtml(
      `<html><head><script>var BASE_DATA = { articleInfo: { source: '中国网', related: [{"source":"别家号"}] } };</script></head><body></body></html>`,
      'https://www.toutiao.com/article/1/',
    );
    const families = siteFamiliesFor('https://www.toutiao.com/article/1/');
    expect(
      readScriptData(
        document,
        families.flatMap((family) => family.scriptData ?? []),
      ).source,
    ).toBe('中国网');
    expect(siteFamiliesFor('https://www.toutiao.com/article/1/', 'toutiao.com')).toEqual([]);
    expect(siteFamiliesFor('https://example.org/')).toEqual([]);
  });
});
