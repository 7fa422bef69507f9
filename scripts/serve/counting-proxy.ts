import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy on 127.0.0.1 that counts what passes, the same way for every server: requests
 * by method, bytes each way (status or request line, headers and body). The benchmark puts it
 * between the browser and a WebDAV server whose own log cannot say as much (rclone, the stand-ins).
 */
export interface CountingProxy {
  url: string;
  /** Every request so far: method, status, bytes the client sent and received. */
  requests(): ProxiedRequest[];
  close(): Promise<void>;
}

export interface ProxiedRequest {
  method: string;
  status: number;
  bytesIn: number;
  bytesOut: number;
}

const headerBytes = (headers: IncomingHttpHeaders | Record<string, string | string[] | number | undefined>) =>
  Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + String(value).length + 4, 0);

/**
 * `hold` lets a test keep a request waiting (a slow or stalled server) until the promise it returns
 * settles; the request then goes on to the server as it came.
 */
export async function startCountingProxy(
  target: string,
  hold: (method: string, path: string) => Promise<void> | undefined = () => undefined,
): Promise<CountingProxy> {
  const to = new URL(target);
  const log: ProxiedRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const method = incoming.method ?? 'GET';
    incoming.pause();
    const path = decodeURIComponent(incoming.url ?? '');
    await hold(method, path);
    if (incoming.destroyed) return;
    let bytesIn = `${method} ${incoming.url} HTTP/1.1\r\n`.length + headerBytes(incoming.headers) + 2;
    const upstream = forward(
      { host: to.hostname, port: to.port, method, path: incoming.url, headers: { ...incoming.headers, host: to.host } },
      (answer) => {
        let bytesOut = `HTTP/1.1 ${answer.statusCode} \r\n`.length + headerBytes(answer.headers) + 2;
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => (bytesOut += chunk.byteLength));
        answer.on('end', () => log.push({ method, status: answer.statusCode ?? 0, bytesIn, bytesOut }));
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.on('data', (chunk: Buffer) => (bytesIn += chunk.byteLength));
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...log],
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
