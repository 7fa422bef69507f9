import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { decodeHtml } from '../../utils/extract/decode-html';
import { DEMO_ARTICLE_PATH, loadDemoArticle, renderDemoArticle, type DemoArticleParts } from './demo-article';

/**
 * A local stand-in for portal sites. Chromium is started with
 * `--host-resolver-rules=MAP * 127.0.0.1:PORT`, so e.g. http://www.chinapeace.gov.cn/… reaches
 * this server and the extension sees the real portal address.
 *
 * Routes (on any host): the demo article's path; `/corpus/<id>.html` for a corpus page; and
 * pages a test registers with `servePage`.
 */

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../shared/corpus');

export interface PortalServer {
  port: number;
  /** Serve `html` at `path` on every host until replaced. */
  servePage(path: string, html: string): void;
  close(): Promise<void>;
}

export function corpusPageBytes(id: string): Buffer | null {
  if (!/^[\w.-]+$/.test(id)) return null;
  try {
    return readFileSync(resolve(CORPUS_DIR, 'pages', `${id}.html`));
  } catch {
    return null;
  }
}

export async function startPortalServer(port = 0, demo: DemoArticleParts = loadDemoArticle()): Promise<PortalServer> {
  const pages = new Map<string, string>([[DEMO_ARTICLE_PATH, renderDemoArticle(demo)]]);
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const page = pages.get(path);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(page);
      return;
    }
    const corpusId = /^\/corpus\/([\w.-]+)\.html$/.exec(path)?.[1];
    const bytes = corpusId ? corpusPageBytes(corpusId) : null;
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
    servePage: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
