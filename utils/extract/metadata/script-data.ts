import type { ScriptData } from '../site-families';

/**
 * The article data a portal embeds for its own scripts (window.X = {…}, var X = {…}): the outlet,
 * author and date the page was built from, before any template decides where to print them. Read
 * as text, never run: only the variables and keys a site family names, and only the first value
 * of a key after its variable (later ones belong to recommended stories).
 */
export interface ScriptValues {
  source: string | null;
  author: string | null;
  published: string | null;
}

/** How far into a variable's object its article keys may sit. */
const MAX_OBJECT_CHARS = 20_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A quoted string value as the script wrote it, escapes and all, read as JSON would read it. */
function unquote(body: string, quote: '"' | "'"): string | null {
  const json = quote === '"' ? body : body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"');
  try {
    return (JSON.parse(`"${json}"`) as string).trim() || null;
  } catch {
    return null;
  }
}

function valueOf(object: string, keys: readonly string[] | undefined): string | null {
  for (const key of keys ?? []) {
    const match = new RegExp(
      `["']?\\b${escapeRegExp(key)}["']?\\s*:\\s*(?:"((?:[^"\\\\\\n]|\\\\.){1,120})"|'((?:[^'\\\\\\n]|\\\\.){1,120})')`,
    ).exec(object);
    const value = match ? (match[1] !== undefined ? unquote(match[1], '"') : unquote(match[2]!, "'")) : null;
    if (value) return value;
  }
  return null;
}

export function readScriptData(document: Document, wanted: readonly ScriptData[]): ScriptValues {
  const found: ScriptValues = { source: null, author: null, published: null };
  if (!wanted.length) return found;
  for (const script of document.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    for (const data of wanted) {
      const at = new RegExp(`\\b${escapeRegExp(data.variable)}\\s*=\\s*\\{`).exec(text);
      if (!at) continue;
      const object = text.slice(at.index, at.index + MAX_OBJECT_CHARS);
      found.source ??= valueOf(object, data.source);
      found.author ??= valueOf(object, data.author);
      found.published ??= valueOf(object, data.published);
    }
  }
  return found;
}
