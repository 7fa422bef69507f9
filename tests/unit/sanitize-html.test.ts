// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@/utils/sanitize/sanitize-html';

describe('sanitizeHtml', () => {
  it('keeps article markup and drops what could run or overlay', () => {
    const dirty = `<h2>一、标题</h2><p style="position:fixed" onclick="x()">正文<a href="javascript:alert(1)">链接</a></p>
      <img src="https://img.example/a.png" onerror="alert(1)"><script>alert(1)</script><style>body{display:none}</style>
      <iframe src="https://evil.example"></iframe><form action="https://evil.example"><input></form>
      <a href="data:text/html,<script>alert(1)</script>">d</a><a href="https://www.gov.cn/">ok</a>`;
    const clean = sanitizeHtml(dirty, window);
    expect(clean).toContain('<h2>一、标题</h2>');
    expect(clean).toContain('src="https://img.example/a.png"');
    expect(clean).toContain('href="https://www.gov.cn/"');
    for (const bad of [
      'onclick',
      'onerror',
      'javascript:',
      'data:text/html',
      '<script',
      '<style',
      '<iframe',
      '<form',
      'style=',
    ]) {
      expect(clean).not.toContain(bad);
    }
  });
});

describe('sanitizeHtml and what draws over Pizhu', () => {
  it('drops open dialogs, popovers, details opened by the page and other out-of-flow markup, keeping their text', () => {
    const dirty = `<dialog open><p>登录已过期，请重新输入密码</p></dialog><div popover="manual" id="p">弹出层</div>
      <button popovertarget="p">打开</button><details open><summary>摘要</summary>展开的内容</details>
      <p autofocus inert is="x-evil">正文</p><portal src="https://evil.example"></portal>`;
    const clean = sanitizeHtml(dirty, window);
    for (const bad of ['<dialog', 'popover', ' open', 'autofocus', 'inert', 'x-evil', '<portal', '<button'])
      expect(clean, bad).not.toContain(bad);
    // The words stay readable in the article, in its flow.
    for (const words of ['弹出层', '摘要', '展开的内容', '正文']) expect(clean).toContain(words);
  });
});
