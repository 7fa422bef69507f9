import type { PageLimitKind } from '../../utils/dom/page-limits';

/** Pages that try to wear a content script out, each served as a portal article address. */
export interface BadPage {
  name: string;
  /** Its `<title>`. */
  title: string;
  path: string;
  html: string;
  /** Served so that the response never ends (the page never stops loading). */
  endless?: boolean;
  /** The limit at which the content script should stop reading it unasked. */
  stopsAt?: PageLimitKind;
  /** Read in full once the user asks (the looser limits suffice). */
  readWhenAsked?: boolean;
}

const SENTENCE = '会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效。';
const head = (title: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2024-11-26 09:30"></head>`;
const article = (paragraphs: number) => Array.from({ length: paragraphs }, () => `<p>${SENTENCE}</p>`).join('');
/** A page titled `title` in its head and headline; left open when it never finishes loading. */
const titled = (title: string, body: string, open = false) => ({
  title,
  html: `${head(title)}<body><h1>${title}</h1>${body}${open ? '' : '</body></html>'}`,
});

export function badPages(): BadPage[] {
  const path = (n: number) => `/zhengce/2024-11/26/content_99${n}.htm`;
  return [
    {
      name: '10 MB page',
      path: path(1),
      ...titled(
        '十兆字节的页面',
        `<div id="zoom">${article(20)}</div>${`<div class="item"><a href="/x">${SENTENCE}</a><span>${SENTENCE}</span></div>`.repeat(38_000)}`,
      ),
      stopsAt: 'elements',
      readWhenAsked: true,
    },
    {
      // Few elements, but Readability's time grows with the text it measures again and again.
      name: '3.7 million characters',
      path: path(7),
      ...titled(
        '很长的正文',
        `<div>${Array.from({ length: 2_000 }, () => `<p>${SENTENCE.repeat(50)}</p>`).join('')}</div>`,
      ),
      stopsAt: 'time',
    },
    {
      name: 'DOM nested 5,000 levels',
      path: path(2),
      ...titled('深层嵌套', `${'<div>'.repeat(5_000)}${article(10)}${'</div>'.repeat(5_000)}`),
      stopsAt: 'depth',
      readWhenAsked: true,
    },
    {
      name: 'body replaced after load',
      path: path(3),
      ...titled(
        '替换正文',
        `<div id="zoom">${article(10)}</div><script>
        addEventListener('load', () => setTimeout(() => { document.body = document.createElement('body'); document.body.innerHTML = '<h1>新的正文</h1><div id="zoom">${article(10)}</div>'; }, 300));
      </script>`,
      ),
    },
    {
      name: 'frames',
      path: path(4),
      ...titled(
        '框架页面',
        `<div id="zoom">${article(10)}</div>${'<iframe srcdoc="<p>框架里的文字</p>"></iframe>'.repeat(20)}<frameset></frameset>`,
      ),
    },
    {
      name: 'content in shadow DOM',
      path: path(5),
      ...titled(
        '影子树',
        `<div id="host"></div><script>
        const root = document.getElementById('host').attachShadow({ mode: 'open' });
        root.innerHTML = '<div>${article(10)}</div>';
      </script>`,
      ),
    },
    {
      name: 'never stops loading',
      path: path(6),
      ...titled('一直加载', `<div id="zoom">${article(10)}</div>`, true),
      endless: true,
    },
  ];
}
