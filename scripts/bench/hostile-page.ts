import { waitForReportedTab, type launchWithExtension } from '../browser/launch-with-extension';

/*
 * The benchmarks' hostile page: 12,000 near-duplicate paragraphs, 40 stored quotes the page no
 * longer holds exactly, and a script that keeps changing the DOM so that Pizhu places them again.
 */

export const HOST = 'http://www.chinapeace.gov.cn';
export const HOSTILE_PATH = '/bench/hostile-near-duplicates.html';
const HOSTILE_PARAGRAPHS = 12_000;
const HOSTILE_NOTES = 40;

function sentence(n: number) {
  return `第${n % 7}段：会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效。`;
}

/** The hostile page: near-duplicate paragraphs, and a script that changes the DOM every 250 ms. */
export function hostilePage(): string {
  const paragraphs = Array.from({ length: HOSTILE_PARAGRAPHS }, (_, n) => `<p>${sentence(n)}</p>`).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>基层治理工作会议召开</title></head>
<body><div class="article"><h1>基层治理工作会议召开</h1>${paragraphs}</div>
<script>let n = 0; setInterval(() => { const p = document.createElement('p'); p.textContent = '更新' + n++; document.querySelector('.article').append(p); }, 250);</script>
</body></html>`;
}

/** 40 quotes of the hostile page as stored before the site edited it (推动 became 推进 since). */
function hostileNotes(url: string) {
  const text = Array.from({ length: HOSTILE_PARAGRAPHS }, (_, n) => sentence(n)).join('');
  return Array.from({ length: HOSTILE_NOTES }, (_, n) => {
    const start = 1_000 + n * 11_003;
    const end = start + 24;
    return {
      id: crypto.randomUUID(),
      url,
      quote: {
        exact: text.slice(start, end).replace(/推进/g, '推动'),
        prefix: text.slice(start - 32, start),
        suffix: text.slice(end, end + 32),
      },
      position: { start, end },
      color: 'yellow' as const,
      note: '',
      tags: [],
    };
  });
}

/** Stores the hostile page's notes in a Pizhu: the background stores a note's article from the page's open tab. */
export async function storeHostileNotes(pizhu: Awaited<ReturnType<typeof launchWithExtension>>) {
  const hostile = await pizhu.context.newPage();
  await hostile.goto(HOST + HOSTILE_PATH);
  const tabId = await waitForReportedTab(pizhu.background, HOST + HOSTILE_PATH, 30_000);
  if (tabId === null) throw new Error('the content script did not report the hostile page');
  const options = await pizhu.context.newPage();
  await options.goto(`chrome-extension://${pizhu.extensionId}/options.html`);
  await options.evaluate(
    (tabId) => chrome.runtime.sendMessage({ type: 'article.clip', payload: { tabId, mode: 'page' } }),
    tabId,
  );
  for (const note of hostileNotes(HOST + HOSTILE_PATH)) {
    const reply = await options.evaluate(
      (payload) => chrome.runtime.sendMessage({ type: 'annotation.save', payload }) as Promise<{ ok: boolean }>,
      note,
    );
    if (!reply.ok) throw new Error(`the hostile page's note was not stored: ${JSON.stringify(reply)}`);
  }
  await options.close();
  await hostile.close();
}
