// A real git smart-HTTP server for tests: `git http-backend` (CGI) behind a
// small node HTTP server on 127.0.0.1 that demands basic auth. Repositories
// live under `root` (create them with `git init --bare <root>/<name>.git`).
//
//   const server = await startGitHttpServer({ root, username: 'kargo', password: 's3cret' });
//   server.url('app.git')   // http://127.0.0.1:<port>/app.git
//   server.rejectedLogins   // how many requests carried wrong credentials
//   await server.close();

import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface GitHttpServerOptions {
  root: string;
  username: string;
  password: string;
  /**
   * Runs before an authenticated request reaches git http-backend; e.g. move
   * a branch when a client asks for the push advertisement
   * (`GET …/info/refs?service=git-receive-pack`), as a concurrent pusher would.
   */
  beforeBackend?: (request: { method: string; path: string; query: string }) => void | Promise<void>;
  /** Serve HTTPS with this certificate (e.g. one git does not trust). */
  tls?: { certPem: string; keyPem: string };
}

export interface GitHttpServer {
  url(repo: string): string;
  readonly rejectedLogins: number;
  readonly acceptedRequests: number;
  close(): Promise<void>;
}

function credentialsOf(request: IncomingMessage): { username: string; password: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function runBackend(request: IncomingMessage, response: ServerResponse, root: string, user: string): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
    REQUEST_METHOD: request.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    REMOTE_USER: user,
    REMOTE_ADDR: '127.0.0.1',
  };
  if (request.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = String(request.headers['content-encoding']);
  if (request.headers['git-protocol']) env.GIT_PROTOCOL = String(request.headers['git-protocol']);
  const backend = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  request.pipe(backend.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) return void response.write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else response.setHeader(name, value);
    }
    response.writeHead(status);
    response.write(head.subarray(end + 4));
  });
  backend.on('close', () => response.end());
}

export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  let rejectedLogins = 0;
  let acceptedRequests = 0;
  const listener: RequestListener = (request, response) => {
    const given = credentialsOf(request);
    if (!given || given.username !== options.username || given.password !== options.password) {
      if (given) rejectedLogins++;
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      return void response.end('authentication required\n');
    }
    acceptedRequests++;
    const url = new URL(request.url ?? '/', 'http://localhost');
    Promise.resolve(options.beforeBackend?.({ method: request.method ?? 'GET', path: url.pathname, query: url.search.replace(/^\?/, '') }))
      .then(() => runBackend(request, response, options.root, given.username))
      .catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (repo) => `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/${repo}`,
    get rejectedLogins() {
      return rejectedLogins;
    },
    get acceptedRequests() {
      return acceptedRequests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
