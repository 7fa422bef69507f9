import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Builds the demo portal article from ../shared/examples/changan-article.txt, in the shape real
 * 中国长安网 pages have: site navigation, title, a 发布时间/文章来源/作者 line, a TRS_Editor body,
 * 供稿/责编 and 【加入收藏】 chrome, and the government metadata meta tags. The article text is
 * read from the shared example at run time; none of it is copied into the repository.
 */

export const DEMO_ARTICLE_URL = 'http://www.chinapeace.gov.cn/chinapeace/c100007/2018-11/02/content_12199005.shtml';
export const DEMO_ARTICLE_PATH = new URL(DEMO_ARTICLE_URL).pathname;

export const EXAMPLE_FILE = resolve(import.meta.dirname, '../../../shared/examples/changan-article.txt');

export interface DemoArticleParts {
  navigation: string[];
  title: string;
  infoLine: string;
  published: string;
  source: string;
  paragraphs: string[];
  creditLines: string[];
  toolLine: string;
  footer: string[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Splits the reader's view of the article into the parts a portal page is made of. */
export function parseDemoArticle(text: string): DemoArticleParts {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const infoIndex = lines.findIndex((line) => line.startsWith('发布时间'));
  if (infoIndex < 0) throw new Error('the example has no 发布时间 line');
  const before = lines.slice(0, infoIndex).filter(Boolean);
  const title = before.at(-1) ?? '';
  const creditIndex = lines.findIndex((line, index) => index > infoIndex && /^供稿/.test(line));
  const toolIndex = lines.findIndex((line, index) => index > infoIndex && line.startsWith('【'));
  const infoLine = lines[infoIndex] ?? '';
  return {
    navigation: before.slice(0, -1),
    title,
    infoLine,
    published: /发布时间[:：]\s*([\d-]+)/.exec(infoLine)?.[1] ?? '',
    source: /文章来源[:：]\s*(\S+)/.exec(infoLine)?.[1] ?? '',
    paragraphs: lines.slice(infoIndex + 1, creditIndex).filter(Boolean),
    creditLines: lines.slice(creditIndex, toolIndex).filter(Boolean),
    toolLine: lines[toolIndex] ?? '',
    footer: lines.slice(toolIndex + 1).filter(Boolean),
  };
}

/** The demo page's HTML; tests render edited parts to serve a changed copy of the same article. */
export function renderDemoArticle(parts: DemoArticleParts): string {
  const paragraph = (text: string) => `<p style="text-indent:2em">${escapeHtml(text)}</p>`;
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${escapeHtml(parts.title)}-${escapeHtml(parts.source)}</title>
<meta name="SiteName" content="${escapeHtml(parts.source)}">
<meta name="ColumnName" content="地方动态">
<meta name="ArticleTitle" content="${escapeHtml(parts.title)}">
<meta name="PubDate" content="${escapeHtml(parts.published)} 09:30">
<meta name="ContentSource" content="${escapeHtml(parts.source)}">
<style>
body{font:16px/1.8 serif;margin:0;background:#f4f4f4}
.top{background:#8b0000;color:#fff;padding:8px 24px}
.top a{color:#fff;margin-right:16px;text-decoration:none}
.main{width:900px;margin:0 auto;background:#fff;padding:24px 48px}
.title{text-align:center;font-size:26px}
.info{text-align:center;color:#666;font-size:14px;border-bottom:1px solid #ddd;padding-bottom:8px}
.credits,.tools{color:#666;font-size:14px}
.footer{text-align:center;color:#999;padding:16px}
</style>
</head>
<body>
<div class="top">${parts.navigation.map((item) => `<a href="/">${escapeHtml(item)}</a>`).join('')}</div>
<div class="main">
<h1 class="title">${escapeHtml(parts.title)}</h1>
<div class="info">${escapeHtml(parts.infoLine).replace(/\s{2,}/g, ' &nbsp; ')}</div>
<div class="TRS_Editor" id="zoom">
${parts.paragraphs.map(paragraph).join('\n')}
</div>
<div class="credits">${parts.creditLines.map((line) => `<div>${escapeHtml(line)}</div>`).join('')}</div>
<div class="tools">${escapeHtml(parts.toolLine)}</div>
</div>
<div class="footer">${parts.footer.map(escapeHtml).join('<br>')}</div>
</body>
</html>
`;
}

export function loadDemoArticle(file = EXAMPLE_FILE): DemoArticleParts {
  return parseDemoArticle(readFileSync(file, 'utf8'));
}
