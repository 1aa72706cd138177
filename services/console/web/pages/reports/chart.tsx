// A chart the report service drew (ECharts' SVG on the server, as in its HTML page and PDF), set into the
// page inline so it takes the page's Chinese font, in a box of fixed proportions (nothing jumps when
// it arrives). Only the drawing is kept: no script, no foreign content, no handlers.
import { useEffect, useRef } from 'preact/hooks';

function drawing(svgText: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') return undefined;
  for (const bad of [...svg.querySelectorAll('script, foreignObject, iframe, a')]) bad.remove();
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) if (/^on/i.test(attr.name) || /javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  return document.importNode(svg, true) as unknown as SVGSVGElement;
}

export function ServerChart(props: { svg: string | undefined; title: string; chartKey: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.replaceChildren();
    const svg = props.svg ? drawing(props.svg) : undefined;
    if (svg) {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', props.title);
      el.append(svg);
    }
  }, [props.svg]);
  // One box for every chart (the drawing fits inside it): the box is there before the drawing is.
  return <div class="chart" data-chart={props.chartKey} ref={box} aria-busy={!props.svg} />;
}
