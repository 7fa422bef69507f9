import { PLACE_WORDS, alternation } from '../page-words';

/**
 * Authors that are not labelled 作者: the reporter in a dateline (新华社北京12月9日电（记者唐霁）,
 * 本报讯（记者叶婉）), a 本报记者 line opening the body, or a trailing （张巨峰） attribution
 * closing it.
 */
const NAME = '[\\u4e00-\\u9fa5·]{2,5}';
const NAMES = `${NAME}(?:[、，,\\s]+${NAME})*`;
// Pages in traditional characters (Taiwan, Hong Kong, older portals) print the same role words as 記者 and 報導.
const REPORTER = '[记記]者';
/**
 * "记者 张三／北京报道", "〔記者巫其倫／台北報導〕": the reporter's names, a slash, then where and how they
 * reported. The slash ends the names; what follows it is a place or 即时, never part of a name.
 */
const SLASH_REPORTED = `\\s*[/／]\\s*[\\u4e00-\\u9fa5]{0,6}?[报報][道导導]`;
/** "文/王爽", a credit for the text (图/ for the pictures is not): its writer, however the line is labelled. */
const TEXT_CREDIT = new RegExp(`(?:^|[\\s:：])文\\s*[/／]\\s*(?!图)(${NAME})(?=[\\s、，,]|$)`);
const REPORTER_SLASH = new RegExp(
  `(?:^|[^\\u4e00-\\u9fa5])(?:本报|本網|本网)?${REPORTER}\\s*(${NAMES})${SLASH_REPORTED}`,
);

const DATELINE_REPORTER = new RegExp(`^.{0,40}?(?:电|讯|报道)\\s*[（(]\\s*(?:本报|本网|通讯员)?\\s*记者\\s*(${NAMES})`);
const DATELINE_NAMES = new RegExp(`^.{0,30}?电\\s*[（(]\\s*(${NAMES})\\s*[）)]`);
// A reporter line may space a two-character name for alignment: 本报记者  王乐文  方  敏.
const REPORTER_LINE = /^[\u4e00-\u9fa5·]{0,10}记者\s*([\u4e00-\u9fa5·][\u4e00-\u9fa5·、 ]{1,30}?)\s*(?:$|来源|[|｜])/;
const ROLE = `(?:文\\s*[/／]\\s*图|文|图|评论员|特约${REPORTER}|本报${REPORTER}|${REPORTER}|通讯员|撰稿)`;
const TRAILING = new RegExp(
  `[（(〔]\\s*(?:${ROLE}\\s*[:：]?\\s*)*(${NAMES})\\s*(?:[报摄]道|${SLASH_REPORTED})?\\s*[）)〕]\\s*$`,
);

/** Where a reporter filed from, printed after their name ("姚峰 上海", "张三发自北京"): a place is not a person. */
const PLACE = `(?:${alternation(PLACE_WORDS)})`;
const FILED_FROM = new RegExp(`(?:\\s*发自\\s*${PLACE}|\\s+${PLACE})$`);
/**
 * A dateline that names the agency's reporter before where and when they filed, in brackets:
 * （中央社記者邱俊欽桃園19日電）. The name stops where the place begins, as a name holds no place.
 */
const AGENCY_DATELINE = new RegExp(
  `[（(]\\s*[\\u4e00-\\u9fa5]{0,6}?${REPORTER}\\s*([\\u4e00-\\u9fa5·]{2,5}?)\\s*(?:${PLACE})?\\s*\\d{1,2}\\s*日\\s*[电電]`,
);

/** The names of a byline without the place it was filed from. */
export const withoutPlace = (names: string) => names.replace(FILED_FROM, '').trim();

function cleanNames(names: string): string {
  return withoutPlace(
    names
      .replace(/\s*[、，,]\s*/g, '、')
      .replace(/\s+/g, ' ')
      .replace(/(?:整合|编译|综合|报道|摄)$/, '')
      .trim(),
  );
}

/** A short byline line naming the author without a colon: 《棱镜》作者 周纯, 作者 X Y. */
const AUTHOR_LINE = /^.{0,10}?作者\s+([\u4e00-\u9fa5·]{2,4}(?:[、，,\s]+[\u4e00-\u9fa5·]{2,4})*)\s*$/;

/** The reporter named in a dateline or a 记者 line among `lines`, if any. */
export function authorFromReporterLine(lines: readonly string[]): string | null {
  for (const line of lines) {
    const match =
      REPORTER_SLASH.exec(line) ??
      TEXT_CREDIT.exec(line) ??
      DATELINE_REPORTER.exec(line) ??
      DATELINE_NAMES.exec(line) ??
      AGENCY_DATELINE.exec(line) ??
      REPORTER_LINE.exec(line) ??
      (line.length <= 30 ? AUTHOR_LINE.exec(line) : null);
    if (match) return cleanNames(match[1]!);
  }
  return null;
}

/** An attribution that says the names reported it from somewhere: （王煌忠／台中報導）. */
const REPORTED_CLOSING = new RegExp(`[（(〔]\\s*(?:${ROLE}\\s*[:：]?\\s*)*(${NAMES})${SLASH_REPORTED}\\s*[）)〕]\\s*$`);

/**
 * The reporter of an attribution that says where they reported from, closing a paragraph: it
 * ends the article's own text even when a notice the site adds to every article follows it.
 */
export function authorFromReportedClosing(line: string): string | null {
  const match = REPORTED_CLOSING.exec(line);
  return match ? cleanNames(match[1]!) : null;
}

/** A short （name） attribution closing the body, if any. */
export function authorFromClosing(lastLine: string): string | null {
  const match = TRAILING.exec(lastLine);
  return match ? cleanNames(match[1]!) : null;
}
