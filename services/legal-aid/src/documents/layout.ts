// The page every printed document shares (A4, the issuing organisation, a title, a table of facts,
// sections, the seal line), self-contained: the font subsets its own text needs are inlined.
import { beijingDate, escapeHtml, fontFacesFor } from '@bureau/printing';

export { escapeHtml };

export interface DocumentPage {
  /** The issuing organisation's name, above the title. */
  readonly issuer: string;
  readonly title: string;
  readonly facts: readonly (readonly [string, string])[];
  /** A highlighted line under the facts (the green channel), if any. */
  readonly notice?: string | undefined;
  readonly sections: readonly { readonly heading: string; readonly items?: readonly string[]; readonly text?: string }[];
  readonly closing?: readonly string[];
  readonly date: string;
}

/** 2026年3月2日 (10:00) in Beijing time. */
export const beijing = beijingDate;

/** A due moment is 24:00 of its last day (Civil Code Art. 201): the day shown is the one before the instant. */
export const lastDayOf = (dueAt: string) => beijing(new Date(new Date(dueAt).getTime() - 1).toISOString());

const css = `
@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'Noto Sans SC', sans-serif; font-size: 11pt; color: #111; margin: 0; }
main { max-width: 170mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; font-weight: 400; }
h2 { font-size: 20pt; text-align: center; margin: 0 0 8mm; letter-spacing: 2pt; font-weight: 400; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; border-left: 3pt solid #333; padding-left: 2mm; font-weight: 400; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.6pt solid #333; padding: 2.5mm 3mm; text-align: left; vertical-align: top; }
th { width: 28mm; background: #f2f2f2; font-weight: 400; }
ul { margin: 0; padding-left: 6mm; }
.notice { border: 0.6pt solid #2a7; padding: 2mm 3mm; color: #174; }
footer { margin-top: 14mm; text-align: right; }
footer p { margin: 1mm 0; }`;

export function documentHtml(page: DocumentPage): string {
  const section = (s: DocumentPage['sections'][number]) => {
    const items = s.items ? `<ul>${(s.items.length > 0 ? s.items : ['无']).map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';
    const text = s.text ? `<p>${escapeHtml(s.text)}</p>` : '';
    return `<h3>${escapeHtml(s.heading)}</h3>${items}${text}`;
  };
  const body = `
<main>
  <h1>${escapeHtml(page.issuer)}</h1>
  <h2>${escapeHtml(page.title)}</h2>
  <table>${page.facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
  ${page.notice ? `<p class="notice">${escapeHtml(page.notice)}</p>` : ''}
  ${page.sections.map(section).join('\n  ')}
  ${(page.closing ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('')}
  <footer><p>${escapeHtml(page.issuer)}（盖章）</p><p>${escapeHtml(page.date)}</p></footer>
</main>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title><style>${fontFacesFor(body)}\n${css}</style></head><body>${body}</body></html>`;
}
