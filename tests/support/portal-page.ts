import { JSDOM, VirtualConsole } from 'jsdom';

/**
 * Builds a small portal-shaped page for rule tests. All text here is invented for the tests;
 * real pages are exercised through ../shared/corpus.
 */
export interface PortalPageParts {
  documentTitle?: string;
  meta?: Record<string, string>;
  navigation?: string;
  heading?: string;
  headingTag?: string;
  infoLine?: string;
  bodyHtml?: string;
  afterBody?: string;
}

export const SAMPLE_PARAGRAPHS = [
  '测试市司法局今年以来持续推进公共法律服务体系建设，在全市各街道设立了法律服务站点，为群众提供便捷的咨询服务。',
  '一、完善服务网络',
  '（一）推进站点建设。各街道结合实际情况，统一服务标准，规范服务流程，让群众在家门口就能获得法律帮助。',
  '（二）加强队伍培训。市司法局组织开展了多轮业务培训，覆盖基层调解员和法律顾问，进一步提升了服务能力。',
  '二、拓展服务内容',
  '下一步，测试市将继续深化公共法律服务，推动服务资源向基层延伸，不断增强群众的获得感和满意度。',
];

export function paragraphs(texts: readonly string[] = SAMPLE_PARAGRAPHS): string {
  return texts.map((text) => `<p>${text}</p>`).join('\n');
}

/** Paragraphs after enough unrelated text that they start below the first screen. */
export function belowFirstScreen(texts: readonly string[]): string {
  const filler = Array.from(
    { length: 40 },
    (_, index) => `第${index + 1}段与本文无关的说明文字，用来把正文推到屏幕下方。`,
  );
  return paragraphs([...filler, ...texts]);
}

export function portalPageHtml(parts: PortalPageParts = {}): string {
  const heading = parts.heading ?? '测试市推进公共法律服务体系建设';
  const tag = parts.headingTag ?? 'h1';
  const meta = Object.entries(parts.meta ?? {})
    .map(([name, content]) => `<meta name="${name}" content="${content}">`)
    .join('\n');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>${parts.documentTitle ?? `${heading}_测试新闻网`}</title>${meta}</head>
<body>
<div class="nav">${parts.navigation ?? '<a href="/">首页</a> <a href="/news/">新闻</a> <a href="/gov/">政务</a>'}</div>
<div class="main">
<${tag} class="article-title">${heading}</${tag}>
<div class="info">${parts.infoLine ?? '发布时间：2024-03-05 10:20　来源：测试日报　作者：王小明'}</div>
<div class="TRS_Editor">
${parts.bodyHtml ?? paragraphs()}
</div>
${parts.afterBody ?? '<div class="editor">（责任编辑：李明）</div>'}
</div>
<div class="footer">版权所有：测试新闻网</div>
</body></html>`;
}

export function parsePage(html: string, url = 'http://www.test.gov.cn/news/2024-03/05/content_1234.htm'): Document {
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}
