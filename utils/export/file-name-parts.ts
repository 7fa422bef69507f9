/**
 * Text made safe as (part of) a file name: no characters Windows or macOS refuse, no controls and no
 * invisible format characters (a right-to-left override would show `…gpj.exe` as `…exe.jpg`), one space
 * for any run of white space, at most `max` characters.
 */
export function safeNamePart(text: string, max = 60): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\\/:*?"<>|\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** The `copy`th file of the same name: `a.md`, `a-2.md`, `a-3.md` (the first copy keeps the name). */
export function numberedFileName(name: string, copy: number): string {
  if (copy < 2) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${copy}${name.slice(dot)}` : `${name}-${copy}`;
}
