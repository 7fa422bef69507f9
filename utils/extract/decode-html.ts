/**
 * Decodes the bytes of an HTML file. Valid UTF-8 wins, because many portal pages declare
 * gb2312 in a meta tag but were saved as UTF-8; otherwise the declared charset (GBK, GB18030,
 * Big5, …) is used, and GB18030 (a superset of GBK and GB2312) is the last resort.
 */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: fall through to the declared charset.
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  for (const label of [declared, 'gb18030']) {
    if (!label) continue;
    try {
      const decoder = new TextDecoder(label === 'gb2312' ? 'gbk' : label);
      return { text: decoder.decode(bytes), encoding: decoder.encoding };
    } catch {
      // An unknown label: try the next.
    }
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}
