/**
 * Authors that are not labelled 作者: the reporter in a dateline (新华社北京12月9日电（记者唐霁）,
 * 本报讯（记者叶婉）), a 本报记者 line opening the body, or a trailing （张巨峰） attribution
 * closing it.
 */
const NAME = '[\\u4e00-\\u9fa5·]{2,5}';
const NAMES = `${NAME}(?:[、，,\\s]+${NAME})*`;

const DATELINE_REPORTER = new RegExp(`^.{0,40}?(?:电|讯|报道)\\s*[（(]\\s*(?:本报|本网|通讯员)?\\s*记者\\s*(${NAMES})`);
const DATELINE_NAMES = new RegExp(`^.{0,30}?电\\s*[（(]\\s*(${NAMES})\\s*[）)]`);
const REPORTER_LINE = new RegExp(`^(?:本报|本网|本台)?(?:[\\u4e00-\\u9fa5·]{0,10}记者)\\s*(${NAMES})\\s*(?:$|来源|[|｜])`);
const TRAILING = new RegExp(`[（(]\\s*(?:记者\\s*)?(${NAMES})\\s*(?:[报摄]道)?\\s*[）)]\\s*$`);

function cleanNames(names: string): string {
  return names.replace(/\s*[、，,]\s*/g, '、').replace(/\s+/g, ' ').replace(/(?:整合|编译|综合|报道|摄)$/, '').trim();
}

/** The reporter named at the start of the body, if any. */
export function authorFromOpening(firstLines: readonly string[]): string | null {
  for (const line of firstLines) {
    const match = DATELINE_REPORTER.exec(line) ?? DATELINE_NAMES.exec(line) ?? REPORTER_LINE.exec(line);
    if (match) return cleanNames(match[1]!);
  }
  return null;
}

/** A short （name） attribution closing the body, if any. */
export function authorFromClosing(lastLine: string): string | null {
  const match = TRAILING.exec(lastLine);
  return match ? cleanNames(match[1]!) : null;
}
