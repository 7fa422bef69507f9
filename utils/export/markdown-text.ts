/** Text written into Markdown so that it stays text: every export that writes Markdown writes through these. */

/**
 * Page text and notes are text: escaping the characters Markdown gives meaning to keeps a note
 * like `<script>`, `**` or `&lt;` from turning into markup in whatever renders the file — and the
 * syntax the note-taking apps add to it: Obsidian's `==highlight==`, `$math$`, `%%comment%%` and
 * `^block` ids, Logseq's `{{macro}}` and `key:: value` properties.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~&!=$%^{}]/g, '\\$&').replace(/::/g, ':\\:');
}

/** The lines of a text: a lone CR ends a line too, as it does for Markdown renderers. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

/** A character as a numeric character reference: text to a Markdown parser, never layout. */
export const reference = (char: string) => `&#${char.codePointAt(0)};`;

/**
 * Text escaped, with the whitespace at its ends written as references: a parser strips spaces
 * and tabs at a line's ends and reads four leading ones as a code block, and a trailing space
 * would keep a closing `*` from ending the emphasis it sits in.
 */
export function escapeText(text: string): string {
  return escapeMarkdown(text).replace(/^\s+|\s+$/g, (run) => [...run].map(reference).join(''));
}

/**
 * One line of a multi-line text, escaped, including what only means something at a line's start:
 * `- ` or `+ ` (a list), `1. ` (a numbered list) and `===`/`---` (the line above becomes a heading).
 */
export function escapeLine(line: string): string {
  return escapeText(line)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * The lines of a multi-line text joined by hard breaks (`\` at a line's end), so that no line is
 * blank: a blank line would end the block and let the next line start a code block or a list.
 * Trailing empty lines go, as a hard break cannot end a block.
 */
export function textLines(text: string): string {
  const lines = linesOf(text);
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(escapeLine).join('\\\n');
}

/** A field shown on one line (a title, a tag, a name): a line break in it becomes a space. */
export function inline(text: string): string {
  return escapeText(linesOf(text).join(' '));
}

/** Each line behind `> `, so a multi-line quote or note stays one block. */
export function blockquote(text: string): string {
  return textLines(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * A YAML string that is inert in Markdown too: a renderer that does not know front matter reads it
 * as a heading, so what Markdown gives meaning to is written as a `\u` escape, which YAML reads back.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[`*_[\]<>#|~&!]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
