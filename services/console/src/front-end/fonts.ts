// Chinese fonts without a network: Noto Sans SC from @fontsource/noto-sans-sc, served by the console.
// The stylesheet splits the font into ~100 unicode-range subsets, so a browser fetches only the few a
// page's characters need.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const packageDir = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css'));
/** Regular and bold: what the console's pages use. */
const WEIGHTS = ['400', '700'] as const;

export const FONT_FILE = /^noto-sans-sc-[0-9a-z-]+\.woff2$/;

/** The @font-face rules, pointing at `/fonts/files/`; only the woff2 sources (every browser we serve reads them). */
export async function fontStylesheet(): Promise<string> {
  const sheets = await Promise.all(WEIGHTS.map((weight) => readFile(join(packageDir, `${weight}.css`), 'utf8')));
  return sheets
    .join('\n')
    .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\), url\([^)]+\) format\('woff'\)/g, "url(/fonts/files/$1) format('woff2')");
}

/** One subset's bytes; the name is checked against FONT_FILE by the route first. */
export function fontFile(name: string): Promise<Buffer> {
  return readFile(join(packageDir, 'files', name));
}
