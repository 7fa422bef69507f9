import { describe, expect, it } from 'vitest';
import { parseMetaDate, parsePublishedDate } from '@/utils/extract/metadata/published-date';

describe('parsePublishedDate', () => {
  it.each([
    ['发布时间：2024-05-20 13:15:00', '2024-05-20T13:15:00+08:00', '2024-05-20 13:15:00'],
    ['2024年05月10日06:58 | 来源：测试', '2024-05-10T06:58+08:00', '2024年05月10日06:58'],
    ['日期：2019/9/18', '2019-09-18', '2019/9/18'],
    ['2024.05.20 08:09', '2024-05-20T08:09+08:00', '2024.05.20 08:09'],
    ['March 18, 2015', '2015-03-18', 'March 18, 2015'],
    ['Dec 28 Sat 2013 00:28', '2013-12-28T00:28', 'Dec 28 Sat 2013 00:28'],
    ['08.04.2015 12:46', '2015-04-08T12:46', '08.04.2015 12:46'],
    // The 12-hour clock, its half of the day before or after the time.
    ['2024年 8月 25日 下午10:37', '2024-08-25T22:37+08:00', '2024年 8月 25日 下午10:37'],
    ['2016-03-08 01:06 pm', '2016-03-08T13:06+08:00', '2016-03-08 01:06 pm'],
    ['2016/03/08 12:15 AM 阅读', '2016-03-08T00:15+08:00', '2016/03/08 12:15 AM'],
    ['2016-03-08 上午09:10', '2016-03-08T09:10+08:00', '2016-03-08 上午09:10'],
  ])('reads %s', (text, iso, shown) => {
    expect(parsePublishedDate(text)).toEqual({ iso, text: shown });
  });

  it('rejects impossible dates and text without a date', () => {
    expect(parsePublishedDate('2023-02-30')).toBeNull();
    expect(parsePublishedDate('第2024号文件')).toBeNull();
  });
});

describe('parseMetaDate', () => {
  it('converts a zoned timestamp to Beijing time', () => {
    expect(parseMetaDate('2019-01-03T07:00:02.000Z')?.iso).toBe('2019-01-03T15:00:02+08:00');
  });
  it('takes a time without a zone as Beijing time', () => {
    expect(parseMetaDate('2018-11-02 09:30')?.iso).toBe('2018-11-02T09:30+08:00');
  });
});
