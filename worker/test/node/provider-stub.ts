import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

/**
 * @module A stand-in for the email and SMS providers' HTTP APIs, run by vitest in Node on
 * 127.0.0.1 (the worker tests run inside workerd and reach it with a real outbound fetch). It
 * keeps every request exactly as it arrived (method, path, headers, raw body) for the tests to
 * compare with each provider's documented shape, and answers like the provider does when a
 * message is accepted. A path under /fail-<status>/ answers that status instead (with a body that
 * quotes a code, which must never reach the client), and a Vonage recipient ending in 999 gets
 * Vonage's "200 but refused" answer.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const recorded: RecordedRequest[] = [];

function answer(request: RecordedRequest, res: ServerResponse): void {
  const fail = /^\/fail-(\d{3})\//.exec(request.path);
  if (fail) {
    res
      .writeHead(Number(fail[1]), { 'content-type': 'application/json' })
      .end('{"message":"rejected message with code 123456"}');
  } else if (request.path.endsWith('/sms/json')) {
    const to = new URLSearchParams(request.body).get('to') ?? '';
    const status = to.endsWith('999') ? '9' : '0';
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ 'message-count': '1', messages: [{ to, status }] }));
  } else if (request.path.endsWith('/Messages.json')) {
    res
      .writeHead(201, { 'content-type': 'application/json' })
      .end('{"sid":"SM00000000000000000000000000000000","status":"queued"}');
  } else {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"stub-message"}');
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const path = req.url ?? '/';
  if (path.startsWith('/__recorded')) {
    const prefix = new URL(path, 'http://stub').searchParams.get('prefix') ?? '';
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(recorded.filter((r) => r.path.startsWith(prefix))));
    return;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
  const request = { method: req.method ?? '', path, headers, body: Buffer.concat(chunks).toString('utf8') };
  recorded.push(request);
  answer(request, res);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('providerStub', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
