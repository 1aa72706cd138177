// The front end (web/, TypeScript + preact) bundled by esbuild when the app is built: nothing to run by
// hand on a fresh clone, and the bundle served is always the source's. It takes about a fifth of a second.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';

const webDir = new URL('../../web/', import.meta.url);

export interface FrontEnd {
  readonly js: string;
  readonly css: string;
  /** A digest of both, so the page asks for a changed bundle and caches an unchanged one. */
  readonly version: string;
}

export async function buildFrontEnd(): Promise<FrontEnd> {
  const result = await build({
    entryPoints: [new URL('main.tsx', webDir).pathname],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error('the console bundle came out empty');
  const css = await readFile(new URL('style.css', webDir), 'utf8');
  const version = createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
  return { js, css, version };
}
