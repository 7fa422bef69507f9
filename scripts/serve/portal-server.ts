import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeHtml } from '../../utils/extract/decode-html';
import { corpusBytes, loadCorpus, type CorpusPage } from '../corpus/load-corpus';
import { DEMO_ARTICLE_PATH, loadDemoArticle, renderDemoArticle, type DemoArticleParts } from './demo-article';

/**
 * A local stand-in for portal sites. Chromium is started with
 * `--host-resolver-rules=MAP * 127.0.0.1:PORT`, so e.g. http://www.chinapeace.gov.cn/… reaches
 * this server and the extension sees the real portal address.
 *
 * Routes (on any host): the demo article's path; `/corpus/<id>.html` for a corpus page; a
 * corpus page's original path (so it opens under its real address); and pages a test registers
 * with `servePage`.
 */

export interface PortalServer {
  port: number;
  /** Serve `html` at `path` on every host until replaced; `endless`: the response never ends. */
  servePage(path: string, html: string, options?: { endless?: boolean }): void;
  /** Serves other bytes (an image) at a path; `requests(path)` counts who asked for it. */
  serveFile(path: string, body: Uint8Array, type: string): void;
  requests(path: string): number;
  close(): Promise<void>;
}

/** Corpus pages by id and by the path of their original address. */
function corpusIndex(): { byId: Map<string, CorpusPage>; byPath: Map<string, CorpusPage> } {
  const byId = new Map<string, CorpusPage>();
  const byPath = new Map<string, CorpusPage>();
  let pages: CorpusPage[] = [];
  try {
    pages = loadCorpus();
  } catch {
    // Without the corpus the server still serves the demo article.
  }
  for (const page of pages) {
    byId.set(page.id, page);
    if (page.original_url) byPath.set(new URL(page.original_url).pathname, page);
  }
  return { byId, byPath };
}

export async function startPortalServer(port = 0, demo: DemoArticleParts = loadDemoArticle()): Promise<PortalServer> {
  const pages = new Map<string, string>([[DEMO_ARTICLE_PATH, renderDemoArticle(demo)]]);
  const endless = new Set<string>();
  const files = new Map<string, { body: Uint8Array; type: string }>();
  const asked = new Map<string, number>();
  const corpus = corpusIndex();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    asked.set(path, (asked.get(path) ?? 0) + 1);
    const file = files.get(path);
    if (file) {
      response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
      response.end(file.body);
      return;
    }
    const page = pages.get(path);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      // A page that never finishes loading: the connection stays open until the server closes.
      if (endless.has(path)) response.write(page);
      else response.end(page);
      return;
    }
    const corpusId = /^\/corpus\/([\w.-]+)\.html$/.exec(path)?.[1];
    const corpusPage = (corpusId && corpus.byId.get(corpusId)) || corpus.byPath.get(path);
    const bytes = corpusPage ? corpusBytes(corpusPage) : null;
    if (bytes) {
      // Served as the charset the bytes really are, not the one the page declares.
      const { encoding } = decodeHtml(bytes);
      response.writeHead(200, { 'content-type': `text/html; charset=${encoding}`, 'cache-control': 'no-store' });
      response.end(bytes);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found');
  });
  await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
  return {
    port: (server.address() as AddressInfo).port,
    servePage: (path, html, options) => {
      pages.set(path, html);
      if (options?.endless) endless.add(path);
      else endless.delete(path);
    },
    serveFile: (path, body, type) => files.set(path, { body, type }),
    requests: (path) => asked.get(path) ?? 0,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
