/**
 * Authors that are not labelled 作者: the reporter in a dateline (新华社北京12月9日电（记者唐霁）,
 * 本报讯（记者叶婉）), a 本报记者 line opening the body, or a trailing （张巨峰） attribution
 * closing it.
 */
const NAME = '[\\u4e00-\\u9fa5·]{2,5}';
const NAMES = `${NAME}(?:[、，,\\s]+${NAME})*`;

const DATELINE_REPORTER = new RegExp(`^.{0,40}?(?:电|讯|报道)\\s*[（(]\\s*(?:本报|本网|通讯员)?\\s*记者\\s*(${NAMES})`);
const DATELINE_NAMES = new RegExp(`^.{0,30}?电\\s*[（(]\\s*(${NAMES})\\s*[）)]`);
// A reporter line may space a two-character name for alignment: 本报记者  王乐文  方  敏.
const REPORTER_LINE = /^[\u4e00-\u9fa5·]{0,10}记者\s*([\u4e00-\u9fa5·][\u4e00-\u9fa5·、 ]{1,30}?)\s*(?:$|来源|[|｜])/;
const ROLE = '(?:文\\s*[/／]\\s*图|文|图|评论员|特约记者|本报记者|记者|通讯员|撰稿)';
const TRAILING = new RegExp(`[（(]\\s*(?:${ROLE}\\s*[:：]?\\s*)*(${NAMES})\\s*(?:[报摄]道)?\\s*[）)]\\s*$`);

/**
 * Where a reporter filed from, printed after their name ("姚峰 上海", "张三发自北京"): provinces
 * and the larger cities. A place is not a person.
 */
const PLACE =
  '(?:北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|广州|深圳|南京|杭州|武汉|成都|西安|沈阳|长沙|郑州|济南|青岛|大连|厦门|苏州|宁波|哈尔滨|长春|昆明|南宁|福州|合肥|石家庄|太原|兰州|贵阳|海口|拉萨|西宁|银川|呼和浩特|乌鲁木齐|南昌)';
const FILED_FROM = new RegExp(`(?:\\s*发自\\s*${PLACE}|\\s+${PLACE})$`);

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
      DATELINE_REPORTER.exec(line) ??
      DATELINE_NAMES.exec(line) ??
      REPORTER_LINE.exec(line) ??
      (line.length <= 30 ? AUTHOR_LINE.exec(line) : null);
    if (match) return cleanNames(match[1]!);
  }
  return null;
}

/** A short （name） attribution closing the body, if any. */
export function authorFromClosing(lastLine: string): string | null {
  const match = TRAILING.exec(lastLine);
  return match ? cleanNames(match[1]!) : null;
}

// Exercised by corpus pages: gne-xinhuanet-1 and magic-newscn-politics (（记者…）), magic-gmw-news (电（…、…）), magic-people-finance (本报记者 line), magic-youth-gn (记者 line after the body), gne-shanxi-1 (（张巨峰）), gne-cjddsb-1 (文/图), traf-xinhuanet-c1125597921 (评论员).
