import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface XssPayload {
  title: string;
  payload: string;
}

export const XSS_PAYLOADS_FILE = resolve(import.meta.dirname, '../../../shared/security/xss-payloads.json');

/** DOMPurify's own fixtures: 223 pieces of HTML that try to run script or escape a sanitizer. */
export function loadXssPayloads(file = XSS_PAYLOADS_FILE): XssPayload[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { payloads: XssPayload[] }).payloads;
}

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Invented article sentences, so the page is an article around the payloads. */
const SENTENCES = [
  '会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效。',
  '各地各部门要压实工作责任，细化工作措施，确保各项任务落地见效。',
  '要加强宣传引导，及时总结推广经验做法，营造良好社会氛围。',
  '会议要求，要统筹发展和安全，切实维护社会大局稳定。',
];

/**
 * A portal article page whose payloads sit raw in the headline, the 来源 line, the meta tags and
 * between the body's paragraphs — everywhere the extractor reads.
 */
export function renderHostilePage(payloads: readonly XssPayload[], number: number): string {
  const first = payloads[0]?.payload ?? '';
  const body = payloads
    .map((item, index) => `<p>${SENTENCES[index % SENTENCES.length]}</p>\n<p>${item.payload}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>测试文章${number} ${first}</title>
<meta name="ArticleTitle" content="测试文章${number} ${escapeAttribute(first)}">
<meta name="ContentSource" content="${escapeAttribute(payloads[1]?.payload ?? first)}">
<meta name="author" content="${escapeAttribute(payloads[2]?.payload ?? first)}">
<meta name="PubDate" content="2024-11-26 09:30">
</head><body>
<div class="main">
<h1 class="title">测试文章${number} ${first}</h1>
<div class="info">发布时间：2024-11-26 09:30 &nbsp; 来源：${payloads[1]?.payload ?? ''} &nbsp; 作者：${payloads[2]?.payload ?? ''}</div>
<div class="TRS_Editor" id="zoom">
${body}
</div>
<div class="credits">责编：${payloads[3]?.payload ?? ''}</div>
</div>
</body></html>`;
}
