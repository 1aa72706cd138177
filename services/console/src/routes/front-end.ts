// The page, its bundle and stylesheet, the fonts, and what the page needs to know about sign-in.
import { HttpProblem, problemTypes, publicAccess, type App } from '@bureau/service-kit';
import { z } from 'zod';
import type { FrontEnd } from '../front-end/bundle.js';
import { FONT_FILE, fontFile, fontStylesheet } from '../front-end/fonts.js';

export interface SignInSettings {
  /** The development page (pick a demo user), or the bureau's identity provider. */
  readonly development: boolean;
  readonly oidc?: { readonly issuer: string; readonly clientId: string };
}

const page = (version: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>公共法律服务工作台</title>
<link rel="stylesheet" href="/fonts/noto-sans-sc.css">
<link rel="stylesheet" href="/app.css?v=${version}">
<script type="module" src="/app.js?v=${version}"></script>
</head>
<body><div id="app"></div></body>
</html>
`;

const YEAR = 'public, max-age=31536000, immutable';
const open = publicAccess('the console\'s own page, code and fonts: nothing in them belongs to anyone');

export async function frontEndRoutes(app: App, options: { readonly frontEnd: FrontEnd; readonly signIn: SignInSettings }) {
  const { frontEnd, signIn } = options;
  const html = page(frontEnd.version);
  const fonts = await fontStylesheet();
  app.get('/', { config: open }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html));
  app.get('/app.js', { config: open }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', YEAR).send(frontEnd.js));
  app.get('/app.css', { config: open }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', YEAR).send(frontEnd.css));
  app.get('/fonts/noto-sans-sc.css', { config: open }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(fonts));
  app.get('/fonts/files/:name', { config: open, schema: { params: z.object({ name: z.string().regex(FONT_FILE) }) } }, async (request, reply) => {
    try {
      return reply.type('font/woff2').header('cache-control', YEAR).send(await fontFile(request.params.name));
    } catch {
      throw new HttpProblem(404, 'Not Found', problemTypes.notFound, 'no such font file');
    }
  });
  app.get('/console-config.json', { config: open }, async () => signIn);
}
