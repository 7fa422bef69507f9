/**
 * The W3C model counts text positions in code points; Pizhu's anchors count UTF-16 code units.
 * They differ only past characters outside the BMP (rare CJK extension characters, emoji).
 */
export function codeUnitsToCodePoints(text: string, offset: number): number {
  let pairs = 0;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end - 1; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs += 1;
        index += 1;
      }
    }
  }
  return offset - pairs;
}

export function codePointsToCodeUnits(text: string, offset: number): number {
  let units = 0;
  let points = 0;
  while (points < offset && units < text.length) {
    const code = text.charCodeAt(units);
    const next = text.charCodeAt(units + 1);
    units += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    points += 1;
  }
  return units + (offset - points);
}
