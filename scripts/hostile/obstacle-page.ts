/*
 * A portal article that forbids selecting and copying as many Chinese sites do, every habit at
 * once: `user-select: none` on the article, inline `onselectstart` / `oncontextmenu` /
 * `onmousedown` returning false, capture-phase `selectstart` and `mousedown` listeners on
 * `document` calling preventDefault (the jQuery-style scripts), a `copy` listener that rewrites
 * what Ctrl+C copies and shows the site's notice, and a transparent mask over the last paragraph;
 * an inline `user-select: none !important` on the first paragraph (which beats any stylesheet of
 * the page's origin); a selection cleared as the mouse comes up, again a moment later by a timer
 * (set as the pointer comes up),
 * and whenever it changes; Ctrl+A and Ctrl+C stopped on keydown with the site's notice.
 * It also has what the reader must still be able to use: a link (whose click the page counts), a
 * menu that opens on a press, a search field and a comment box.
 */

export const OBSTACLE_PATH = '/xinwen/2024-11/26/content_obstacles.htm';

export const OBSTACLE_PARAGRAPHS = [
  '会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效，切实把各项部署落到实处。',
  '各地各部门要压实工作责任，细化工作措施，确保各项任务落地见效，以实际行动回应人民群众的期盼。',
  '要加强宣传引导，及时总结推广经验做法，营造良好社会氛围，让平安建设成果更多更公平惠及全体人民。',
  '会议要求，要统筹发展和安全，切实维护社会大局稳定，为经济社会高质量发展创造安全稳定的环境。',
] as const;

/** What the page puts on the clipboard in place of the reader's copy, and the notice it shows. */
export const PAGE_COPY_TEXT = '本文禁止复制';
export const PAGE_COPY_NOTICE = '本站内容受保护，禁止复制';

/**
 * The page's habits of clearing a selection: as the mouse comes up, as it changes, and by a timer
 * after every release (`pending` counts the timers not yet run, so a test can start its next drag
 * after them, as a reader's slower hand does).
 */
const CLEARING_SCRIPT = `
  function clearSelection() {
    var selection = document.getSelection();
    if (selection && !selection.isCollapsed) { selection.removeAllRanges(); window.pageLog.clears++; }
  }
  document.addEventListener('mouseup', clearSelection);
  document.addEventListener('pointerup', function () {
    window.pageLog.pending++;
    setTimeout(function () { clearSelection(); window.pageLog.timers++; window.pageLog.pending--; }, 50);
  });
  document.addEventListener('selectionchange', clearSelection);
`;

export function renderObstaclePage(): string {
  const [first, second, third, fourth] = OBSTACLE_PARAGRAPHS;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>关于推进基层治理的会议召开_中国政府网</title>
<meta name="ArticleTitle" content="关于推进基层治理的会议召开">
<meta name="ContentSource" content="新华社">
<meta name="PubDate" content="2024-11-26 09:30">
<style>
body { font: 18px/1.8 sans-serif; margin: 24px; }
.guarded { -webkit-user-select: none; user-select: none; }
.masked { position: relative; }
.mask { position: absolute; inset: 0; background: transparent; z-index: 5; }
.menu { display: none; }
.menu.open { display: block; }
</style>
<script>
  window.pageLog = { linkClicks: 0, menuPresses: 0, copies: 0, clears: 0, timers: 0, pending: 0 };
${CLEARING_SCRIPT}
  document.onkeydown = function (event) {
    if ((event.ctrlKey || event.metaKey) && (event.keyCode === 65 || event.keyCode === 67)) {
      document.getElementById('copy-notice').textContent = '${PAGE_COPY_NOTICE}';
      return false;
    }
  };
  document.addEventListener('selectstart', function (event) { event.preventDefault(); }, true);
  document.addEventListener('mousedown', function (event) {
    if (!event.target.closest('a,input,textarea,button')) event.preventDefault();
  }, true);
  document.addEventListener('copy', function (event) {
    window.pageLog.copies++;
    event.clipboardData.setData('text/plain', '${PAGE_COPY_TEXT}');
    event.preventDefault();
    document.getElementById('copy-notice').textContent = '${PAGE_COPY_NOTICE}';
  }, true);
</script>
</head>
<body onselectstart="return false" oncontextmenu="return false" onmousedown="return false" oncopy="return false">
<div class="main">
<button type="button" id="menu-button" onmousedown="document.getElementById('menu').classList.toggle('open'); pageLog.menuPresses++">栏目导航</button>
<ul class="menu" id="menu"><li><a href="#top">首页</a></li><li><a href="#top">要闻</a></li></ul>
<h1 class="title">关于推进基层治理的会议召开</h1>
<div class="info">发布时间：2024-11-26 09:30 &nbsp; 来源：新华社</div>
<div class="TRS_Editor guarded" id="zoom">
<p style="-webkit-user-select: none !important; user-select: none !important">${first}</p>
<p>${second}</p>
<p>${third}</p>
<div class="masked"><p>${fourth}</p><div class="mask"></div></div>
</div>
<p><a href="#comments" id="to-comments" onclick="pageLog.linkClicks++">发表评论</a></p>
<form id="comments" onsubmit="return false"><input id="search" name="q"> <textarea id="comment" rows="3" cols="60"></textarea></form>
<div id="copy-notice" role="status"></div>
</div>
</body></html>`;
}
