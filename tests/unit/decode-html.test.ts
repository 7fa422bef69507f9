import { describe, expect, it } from 'vitest';
import { decodeHtml } from '@/utils/extract/decode-html';

describe('decodeHtml', () => {
  it('trusts valid UTF-8 over a gb2312 declaration', () => {
    const bytes = new TextEncoder().encode('<meta charset="gb2312"><p>政法</p>');
    expect(decodeHtml(bytes)).toEqual({ text: '<meta charset="gb2312"><p>政法</p>', encoding: 'utf-8' });
  });

  it('decodes real GBK by its declaration', () => {
    // "<meta charset=gbk><p>政法</p>" in GBK: 政 = D5FE, 法 = B7A8.
    const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
    const bytes = new Uint8Array([...ascii('<meta charset=gbk><p>'), 0xd5, 0xfe, 0xb7, 0xa8, ...ascii('</p>')]);
    const decoded = decodeHtml(bytes);
    expect(decoded.text).toContain('<p>政法</p>');
    expect(decoded.encoding).toBe('gbk');
  });

  it('falls back to GB18030 when nothing is declared', () => {
    const bytes = new Uint8Array([0x3c, 0x70, 0x3e, 0xd5, 0xfe, 0xb7, 0xa8]);
    expect(decodeHtml(bytes).text).toBe('<p>政法');
  });
});
