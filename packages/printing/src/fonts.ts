// Chinese text prints the same on a fresh machine: the font comes with the dependencies
// (@fontsource/noto-sans-sc, 思源黑体), and each document embeds only the subsets (by unicode-range) its
// own text needs, as data URLs, so the HTML stands alone on a screen and in the PDF renderer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface Subset {
  readonly file: string;
  readonly ranges: readonly (readonly [number, number])[];
}

const require = createRequire(import.meta.url);
const fontDirectory = dirname(require.resolve('@fontsource/noto-sans-sc/400.css'));

function parseRange(text: string): [number, number] {
  const [from, to] = text.trim().replace(/^U\+/i, '').split('-');
  const start = Number.parseInt(from ?? '', 16);
  return [start, to === undefined ? start : Number.parseInt(to, 16)];
}

let subsets: readonly Subset[] | undefined;

function subsetsOf(): readonly Subset[] {
  if (subsets) return subsets;
  const css = readFileSync(join(fontDirectory, '400.css'), 'utf8');
  const found: Subset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file && range) found.push({ file, ranges: range.split(',').map(parseRange) });
  }
  subsets = found;
  return found;
}

const cache = new Map<string, string>();

/** @font-face rules for 'Noto Sans SC' covering every character of `text`, fonts inlined. */
export function fontFacesFor(text: string): string {
  const codePoints = new Set(Array.from(text, (c) => c.codePointAt(0) ?? 0));
  const needed = subsetsOf().filter((s) => [...codePoints].some((cp) => s.ranges.some(([a, b]) => cp >= a && cp <= b)));
  return needed
    .map((s) => {
      let data = cache.get(s.file);
      if (!data) {
        data = readFileSync(join(fontDirectory, s.file)).toString('base64');
        cache.set(s.file, data);
      }
      const range = s.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',');
      return `@font-face{font-family:'Noto Sans SC';font-style:normal;font-weight:400;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`;
    })
    .join('\n');
}
