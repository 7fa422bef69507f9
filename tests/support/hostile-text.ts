/**
 * Hostile text for the export tests: a member's notes, names and a page's fields full of Markdown and
 * spreadsheet syntax, drawn from a seeded random source so every run tries the same strings and a failure repeats.
 */
export const FRAGMENTS = [
  '    ',
  '\t',
  '  ',
  '#',
  '# ',
  '>',
  '> ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '```',
  '~~~',
  '<html>',
  '<script>',
  '</div>',
  '<!--',
  '[link](javascript:alert(1))',
  '![x](http://a/b.png)',
  '<http://a.b>',
  '| a | b |',
  '|---|---|',
  '---',
  '===',
  '***',
  '___',
  '\r',
  '\n',
  '\r\n',
  '\n\n',
  '\u2028',
  '\u0000',
  '\u202E',
  '\u2066',
  '\u200F',
  '&lt;',
  '&amp;',
  '&#35;',
  '\\',
  '`',
  '*em*',
  '_em_',
  '~~s~~',
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  "=cmd|' /C calc'!A0",
  ';',
  ',',
  '"',
  "'",
  '\u3000',
  '\u00A0',
  '文字',
  'text',
  '[^1]',
  '[x]: /u',
  '    code',
];

export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function hostile(random: () => number): string {
  const count = 1 + Math.floor(random() * 6);
  let text = '';
  for (let i = 0; i < count; i += 1) text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
  return text;
}
