// Paging for the list routes: `limit` and `offset` in the query (zod), and the page with the total and where
// the next page starts, so a console can page on the server and say how many there are.
import { z } from 'zod';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('At most this many items (1..200).'),
  offset: z.coerce.number().int().min(0).default(0).describe('Skip this many items of the sorted list.'),
};

export const pageFields = { total: z.number(), offset: z.number(), nextOffset: z.number().nullable() };

export function pageOf<T>(items: readonly T[], page: { readonly limit: number; readonly offset: number }) {
  const end = page.offset + page.limit;
  return { items: items.slice(page.offset, end), total: items.length, offset: page.offset, nextOffset: end < items.length ? end : null };
}
