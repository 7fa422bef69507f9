import type { PageLimitKind } from '../../utils/dom/page-limits';

/** Pages that try to wear a content script out, each served as a portal article address. */
export interface BadPage {
  name: string;
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
const head = (title: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2024-11-26 09:30"></head>`;
const article = (paragraphs: number) => Array.from({ length: paragraphs }, () => `<p>${SENTENCE}</p>`).join('');

export function badPages(): BadPage[] {
  const path = (n: number) => `/zhengce/2024-11/26/content_99${n}.htm`;
  return [
    {
      name: '10 MB page',
      path: path(1),
      html: `${head('十兆字节的页面')}<body><h1>十兆字节的页面</h1><div id="zoom">${article(20)}</div>${`<div class="item"><a href="/x">${SENTENCE}</a><span>${SENTENCE}</span></div>`.repeat(38_000)}</body></html>`,
      stopsAt: 'elements',
      readWhenAsked: true,
    },
    {
      // Few elements, but Readability's time grows with the text it measures again and again.
      name: '3.7 million characters',
      path: path(7),
      html: `${head('很长的正文')}<body><h1>很长的正文</h1><div>${Array.from({ length: 2_000 }, () => `<p>${SENTENCE.repeat(50)}</p>`).join('')}</div></body></html>`,
      stopsAt: 'time',
    },
    {
      name: 'DOM nested 5,000 levels',
      path: path(2),
      html: `${head('深层嵌套')}<body><h1>深层嵌套</h1>${'<div>'.repeat(5_000)}${article(10)}${'</div>'.repeat(5_000)}</body></html>`,
      stopsAt: 'depth',
      readWhenAsked: true,
    },
    {
      name: 'body replaced after load',
      path: path(3),
      html: `${head('替换正文')}<body><h1>替换正文</h1><div id="zoom">${article(10)}</div><script>
        addEventListener('load', () => setTimeout(() => { document.body = document.createElement('body'); document.body.innerHTML = '<h1>新的正文</h1><div id="zoom">${article(10)}</div>'; }, 300));
      </script></body></html>`,
    },
    {
      name: 'frames',
      path: path(4),
      html: `${head('框架页面')}<body><h1>框架页面</h1><div id="zoom">${article(10)}</div>${'<iframe srcdoc="<p>框架里的文字</p>"></iframe>'.repeat(20)}<frameset></frameset></body></html>`,
    },
    {
      name: 'content in shadow DOM',
      path: path(5),
      html: `${head('影子树')}<body><h1>影子树</h1><div id="host"></div><script>
        const root = document.getElementById('host').attachShadow({ mode: 'open' });
        root.innerHTML = '<div>${article(10)}</div>';
      </script></body></html>`,
    },
    {
      name: 'never stops loading',
      path: path(6),
      html: `${head('一直加载')}<body><h1>一直加载</h1><div id="zoom">${article(10)}</div>`,
      endless: true,
    },
  ];
}
