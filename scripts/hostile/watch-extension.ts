import type { BrowserContext, Page, Worker } from '@playwright/test';

export interface ExtensionWatch {
  /** Dialogs (alert, confirm, prompt) opened by an extension page: a payload ran. */
  dialogs: string[];
  /** Console messages of extension pages and the background, other than the two kinds below. */
  console: string[];
  /**
   * Inline handlers that the extension pages' CSP blocked. Chromium reports these even while
   * DOMPurify parses hostile HTML into an inert document, where nothing could run anyway; that
   * nothing of it reaches a live page is checked on the pages' DOM (`liveHandlers`).
   */
  cspBlocked: number;
  /** Requests from extension pages to anything but the extension itself, by resource type. */
  requests: { url: string; type: string }[];
}

const isExtension = (url: string) => url.startsWith('chrome-extension://');

/**
 * Watches every extension page of a browser (those open now and later) and the background for
 * signs that page content ran as script in the extension: a dialog, a console message, a request
 * leaving the extension. Pages of websites are not watched: payloads there run by design.
 */
export function watchExtension(context: BrowserContext, background: Worker): ExtensionWatch {
  const watch: ExtensionWatch = { dialogs: [], console: [], cspBlocked: 0, requests: [] };
  const attach = (page: Page) => {
    page.on('dialog', (dialog) => {
      if (isExtension(page.url())) watch.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('console', (message) => {
      if (!isExtension(page.url())) return;
      const text = message.text();
      // A missing relative image (`<img src=x>`) is a failed load, not code running.
      if (text.startsWith('Failed to load resource')) return;
      if (/^Executing inline event handler violates .*The action has been blocked\.$/s.test(text))
        watch.cspBlocked += 1;
      else watch.console.push(`${page.url()}: ${message.type()} ${text}`);
    });
  };
  context.pages().forEach(attach);
  context.on('page', attach);
  background.on('console', (message) => watch.console.push(`background: ${message.type()} ${message.text()}`));
  context.on('request', (request) => {
    let from = '';
    try {
      from = request.frame().url();
    } catch {
      from = request.serviceWorker()?.url() ?? '';
    }
    if (isExtension(from) && !isExtension(request.url()))
      watch.requests.push({ url: request.url(), type: request.resourceType() });
  });
  return watch;
}

/** Attributes whose value is an address (a place for `javascript:` or `data:`). */
const URL_ATTRIBUTES = [
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'srcset',
  'poster',
  'background',
  'data',
  'ping',
  'cite',
  'longdesc',
  'usemap',
  'lowsrc',
  'dynsrc',
];

/** Elements of an extension page's live DOM that carry an inline handler or a script address. */
export function liveHandlers(page: Page): Promise<string[]> {
  return page.evaluate((urlAttributes) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        const name = attribute.name.toLowerCase();
        const isUrl = urlAttributes.includes(name);
        if (name.startsWith('on') || (isUrl && /^(javascript|vbscript|data:text\/html)/.test(value)))
          found.push(`${element.tagName} ${attribute.name}`);
      }
    }
    return found;
  }, URL_ATTRIBUTES);
}

/** What is left in the extension's stored article HTML that could run or overlay, read from an extension page. */
export function storedHtmlProblems(page: Page): Promise<{ articles: number; problems: string[] }> {
  return page.evaluate(
    (urlAttributes) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('pizhu');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('articles').objectStore('articles').getAll();
          all.onsuccess = () => {
            const forbidden = [
              'SCRIPT',
              'IFRAME',
              'FRAME',
              'FRAMESET',
              'FORM',
              'STYLE',
              'OBJECT',
              'EMBED',
              'BASE',
              'META',
              'LINK',
              'NOSCRIPT',
              'TEMPLATE',
              'INPUT',
              'BUTTON',
            ];
            const problems: string[] = [];
            const articles = all.result as { id: string; html: string; title: string }[];
            for (const article of articles) {
              const parsed = new DOMParser().parseFromString(`<body>${article.html}</body>`, 'text/html');
              for (const element of parsed.querySelectorAll('*')) {
                const tag = element.tagName.toUpperCase();
                if (tag === 'HTML' || tag === 'HEAD' || tag === 'BODY') continue;
                if (forbidden.includes(tag)) problems.push(`${article.id}: <${tag}>`);
                for (const attribute of element.attributes) {
                  const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
                  if (attribute.name.toLowerCase().startsWith('on'))
                    problems.push(`${article.id}: ${tag} ${attribute.name}`);
                  const isUrl = urlAttributes.includes(attribute.name.toLowerCase());
                  if (
                    isUrl &&
                    (/^(javascript|vbscript):/.test(value) ||
                      (/^data:/.test(value) && !/^data:image\/(png|gif|jpe?g|webp|svg\+xml)/.test(value)))
                  ) {
                    problems.push(`${article.id}: ${tag} ${attribute.name}=${value.slice(0, 40)}`);
                  }
                  if (attribute.name === 'style' && /position:(fixed|absolute|sticky)|z-index/.test(value))
                    problems.push(`${article.id}: ${tag} style=${value.slice(0, 40)}`);
                }
              }
            }
            request.result.close();
            resolve({ articles: articles.length, problems });
          };
        };
      }),
    URL_ATTRIBUTES,
  );
}
