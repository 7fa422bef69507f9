/**
 * Text as search sees it: NFKC folds full-width letters and digits to their usual forms, case
 * is ignored, and white space is dropped (portals put it anywhere, even inside words).
 */
export function searchableText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * The words of a query: what the user separated with spaces, each as search sees it. A record
 * matches when it holds every word, anywhere (`高邮 阳光`).
 */
export function queryWords(query: string): string[] {
  return [...new Set(query.split(/\s+/).map(searchableText).filter(Boolean))];
}

/**
 * The distinct character pairs of a searchable text: the unit of the index. Chinese has no
 * spaces between words, and a two-character query (政法) is the most common one, so every pair of
 * neighbouring characters is a term. A one-character text is its own term.
 */
export function bigramsOf(searchable: string): string[] {
  const characters = [...searchable];
  if (characters.length === 1) return characters;
  const terms = new Set<string>();
  for (let at = 0; at + 1 < characters.length; at++) terms.add(characters[at]! + characters[at + 1]!);
  return [...terms];
}

/**
 * Splits `text` around the first occurrence of `query` (compared as searchable text), for
 * showing the matching passage with the query marked: `before`, `match`, `after`, trimmed to
 * about `context` characters each side. Null when the text does not hold the query.
 */
export function passageAround(
  text: string,
  query: string,
  context = 40,
): { before: string; match: string; after: string } | null {
  const wanted = searchableText(query);
  if (!wanted) return null;
  const direct = text.indexOf(query.trim());
  if (direct >= 0 && query.trim()) return cut(text, direct, direct + query.trim().length, context);
  // Map each searchable character back to where it came from in the original text.
  const origins: number[] = [];
  let folded = '';
  let at = 0;
  for (const character of text) {
    const piece = searchableText(character);
    for (let index = 0; index < piece.length; index++) origins.push(at);
    folded += piece;
    at += character.length;
  }
  const found = folded.indexOf(wanted);
  if (found < 0) return null;
  const start = origins[found]!;
  const lastOrigin = origins[found + wanted.length - 1]!;
  const end = lastOrigin + (text.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
  return cut(text, start, end, context);
}

function cut(text: string, start: number, end: number, context: number) {
  const from = Math.max(0, start - context);
  const to = Math.min(text.length, end + context);
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, start),
    match: text.slice(start, end),
    after: text.slice(end, to) + (to < text.length ? '…' : ''),
  };
}
