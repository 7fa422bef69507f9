/** Opens an embedding or override (LRE, RLE, LRO, RLO); U+202C (PDF) closes it. */
const EMBEDDINGS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
/** Opens an isolate (LRI, RLI, FSI); U+2069 (PDI) closes it and whatever it holds. */
const ISOLATES = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202C';
const PDI = '\u2069';
const FSI = '\u2068';

/**
 * The text with every directional control it opens closed at its end and every closer it has no
 * opener for left out: whatever it holds, it cannot reach past itself into the text that follows.
 * Every version of the bidirectional algorithm honours this, isolates or not.
 */
export function balanceBidi(text: string): string {
  const open: string[] = [];
  let out = '';
  for (const char of text) {
    if (EMBEDDINGS.has(char)) open.push(PDF);
    else if (ISOLATES.has(char)) open.push(PDI);
    else if (char === PDF) {
      if (open.at(-1) !== PDF) continue;
      open.pop();
    } else if (char === PDI) {
      const isolate = open.lastIndexOf(PDI);
      if (isolate < 0) continue;
      // A PDI closes the embeddings opened inside its isolate too: write their PDFs first.
      out += open.splice(isolate).slice(1).reverse().join('');
    }
    out += char;
  }
  return out + open.reverse().join('');
}

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms) or a directional control. */
const BIDI_RELEVANT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * A string from a page, a member or the reader, for a document format with no markup of its own for
 * isolation (a .docx run): when it holds right-to-left letters or directional controls, balanced and
 * set in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, which LibreOffice (ICU) and Word lay out
 * as one unit of its own direction, the text after it keeping the paragraph's; a reader that knows
 * no isolates still finds every override closed. Other text stays as it was, byte for byte, so
 * Word's search and copy find it unchanged.
 */
export function isolateBidi(text: string): string {
  return BIDI_RELEVANT.test(text) ? `${FSI}${balanceBidi(text)}${PDI}` : text;
}
