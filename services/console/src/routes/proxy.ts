// The browser's calls to the services: `/api/<service>/<path>` goes to that service's `/<path>` with the
// caller's own bearer token, body and query unchanged, so each service decides, as always, what the
// caller's role and organisation reach. The console adds nothing and keeps nothing.
import { HttpProblem, problemTypes, signedIn, type App } from '@bureau/service-kit';

/**
 * Request headers a service reads: the token, the body's type, the optimistic-concurrency guard, and the
 * position of the person's last write (a read model answers once it has applied it: read your own writes).
 */
const PASSED_ON = ['authorization', 'content-type', 'if-match', 'accept', 'x-min-position'] as const;
/** Response headers the pages read (a PDF's name, the revision, read-your-writes). */
const PASSED_BACK = ['content-type', 'content-disposition', 'etag', 'x-event-position', 'retry-after', 'location'] as const;

export interface ProxyOptions {
  readonly upstreams: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

const unavailable = (service: string) =>
  new HttpProblem(503, 'Service Unavailable', problemTypes.unavailable, `the ${service} service did not answer`, { service });

export async function proxyRoutes(app: App, options: ProxyOptions) {
  // Bodies pass through as bytes, whatever their type (JSON, a spreadsheet upload).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/api/:service/*',
    config: signedIn("passes the caller's own token on: each service decides what the role and organisation reach"),
    handler: async (request, reply) => {
      const { service } = request.params as { service: string };
      const base = options.upstreams[service];
      if (!base) throw new HttpProblem(404, 'Not Found', problemTypes.notFound, `no service called ${service}`);
      const path = request.url.slice(`/api/${service}`.length);
      // Joined as text, never resolved as a URL: a path like `//elsewhere` must not leave the service.
      const target = `${base.replace(/\/$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
      if (new URL(target).origin !== new URL(base).origin) throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'not a path of the service');
      const headers = new Headers();
      for (const name of PASSED_ON) {
        const value = request.headers[name];
        if (typeof value === 'string') headers.set(name, value);
      }
      headers.set('x-request-id', request.id);
      let answer: Response;
      try {
        answer = await fetch(target, {
          method: request.method,
          headers,
          ...(Buffer.isBuffer(request.body) ? { body: request.body } : {}),
          signal: AbortSignal.timeout(options.timeoutMs),
          redirect: 'manual',
        });
      } catch (error) {
        request.log.warn({ service, err: error }, 'a service did not answer a passed-on call');
        throw unavailable(service);
      }
      reply.code(answer.status);
      for (const name of PASSED_BACK) {
        const value = answer.headers.get(name);
        if (value !== null) reply.header(name, value);
      }
      reply.header('cache-control', 'no-store');
      return reply.send(Buffer.from(await answer.arrayBuffer()));
    },
  });
}
