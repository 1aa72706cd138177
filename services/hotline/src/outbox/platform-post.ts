// The HTTP POST under each outbox try, on undici's dispatcher API with kept-alive connections. Not fetch,
// and not node:http: per call to a local server, 8 at a time, fetch took 441 µs of CPU (web streams,
// Response objects), node:http 114-148 µs and undici's request 60 µs, and the outbox makes one call per
// message owed to the platform (about a quarter of the service's CPU per reply in bench:hotline).
import { Agent, request } from 'undici';

export interface PostAnswer {
  readonly status: number;
  /** The answer's text, cut at `ANSWER_LIMIT` characters (the platform's problem is all we keep). */
  readonly text: string;
}

export interface PostRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Aborts the request (timeout, shutdown): the promise rejects. */
  readonly signal: AbortSignal;
}

/** How the outbox posts to a platform; tests wrap the real one. */
export type PlatformPost = (url: URL, request: PostRequest) => Promise<PostAnswer>;

export const ANSWER_LIMIT = 4_096;

// Connections per platform are kept open between tries (the outbox keeps up to its concurrency in
// flight); the try's own timeout (callPlatform) bounds each call, not the agent's.
const dispatcher = new Agent({ keepAliveTimeout: 10_000, headersTimeout: 0, bodyTimeout: 0 });

export const postOverHttp: PlatformPost = async (url, { headers, body, signal }) => {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
  const response = await request(url, { method: 'POST', headers, body, signal, dispatcher });
  const kept: Buffer[] = [];
  let keptBytes = 0;
  // Read to the end (so the connection can be reused), keep only the start.
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    if (keptBytes >= ANSWER_LIMIT * 4) continue;
    kept.push(chunk);
    keptBytes += chunk.length;
  }
  return { status: response.statusCode, text: Buffer.concat(kept).toString('utf8').slice(0, ANSWER_LIMIT) };
};
