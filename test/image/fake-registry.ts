import * as http from 'http';
import { AddressInfo } from 'net';

/**
 * Hand-written HTTP servers on 127.0.0.1 that play a hostile registry and the other origins it
 * points to (another port is another origin). Every request is recorded with the Authorization
 * it carried, so a test can prove where credentials went.
 */

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly body: Buffer;
}

export interface FakeServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export type FakeHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

/** A server answering with `handler`; requests are recorded before the handler runs. */
export async function fakeServer(handler: FakeHandler): Promise<FakeServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * A fetch that plays TLS termination for named HTTPS hosts: `https://<name>/...` is served by
 * the fake server mapped to that name, so a test can give the client an HTTPS registry (and
 * HTTPS token services) without certificates. Plain-HTTP requests go out unchanged; HTTPS to an
 * unmapped host fails as an unreachable host would.
 */
export function tlsTerminating(hosts: { [httpsHost: string]: FakeServer }): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.protocol === 'https:') {
      const server = hosts[url.host];
      if (!server) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
      url.protocol = 'http:';
      url.host = `127.0.0.1:${server.port}`;
    }
    return fetch(url, init);
  };
}

/** `Basic base64(user:password)`. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
