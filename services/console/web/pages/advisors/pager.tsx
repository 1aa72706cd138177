// Paging through a list the service pages (limit, offset; it says the total and where the next page starts).
import type { Page } from './shapes.js';

export function Pager(props: { page: Page | undefined; limit: number; hrefAt: (offset: number) => string }) {
  const { page, limit } = props;
  if (!page) return <p class="pager muted">&nbsp;</p>;
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = Math.min(page.offset + limit, page.total);
  return (
    <p class="pager">
      <span class="count">
        共 {page.total} 项{page.total > 0 ? `，第 ${from}–${to} 项` : ''}
      </span>
      {page.offset > 0 && <a href={props.hrefAt(Math.max(0, page.offset - limit))}>上一页</a>}
      {page.nextOffset !== null && <a href={props.hrefAt(page.nextOffset)}>下一页</a>}
    </p>
  );
}
