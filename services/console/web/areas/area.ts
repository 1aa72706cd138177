// One of the console's work areas: where it appears (the header's link, the home page's card), who works in
// it, and its pages by hash address. Each area is one file under `areas/`, listed once in `areas/index.ts`.
import type { JSX } from 'preact';
import type { Session } from '../session.js';

export interface AreaPage {
  /** A `match` pattern, e.g. `/hotline/orders/:id`. */
  readonly pattern: string;
  readonly render: (params: Record<string, string>, context: { path: string; session: Session }) => JSX.Element;
}

export interface Area {
  readonly name: string;
  /** Header link and home card. */
  readonly href: string;
  readonly title: string;
  readonly what: string;
  /** The roles that work here (the services still decide every call). */
  readonly roles: readonly string[];
  readonly pages: readonly AreaPage[];
}
