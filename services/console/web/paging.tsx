// Lists page and sort on the server; the page's address keeps where the person is (sort, cursor, page
// size, filters), so back, reload and a shared link show the same page. A column header sorts by its
// field (again: the other way); 上一页 / 下一页 follow the cursors the service handed out.
import { go, queryOf } from './router.js';

/** The fields of the list that sort, and its page size; what to pass on to the service. */
export interface ListState {
  readonly sort: string;
  readonly cursor: string | undefined;
  readonly limit: number;
}

const PAGE_SIZE = 50;

export function listStateOf(path: string, defaultSort: string): ListState {
  const params = queryOf(path);
  const limit = Number(params.get('limit'));
  return { sort: params.get('sort') ?? defaultSort, cursor: params.get('cursor') ?? undefined, limit: Number.isInteger(limit) && limit > 0 && limit <= 200 ? limit : PAGE_SIZE };
}

/** The service's query for this state: `sort`, `limit`, and `cursor` when paging. */
export function pagingParams(state: ListState): Record<string, string> {
  return { sort: state.sort, limit: String(state.limit), ...(state.cursor ? { cursor: state.cursor } : {}) };
}

/** The page's address with these query values changed (undefined removes one). */
export function pathWith(path: string, changes: Record<string, string | undefined>): string {
  const [pathname = ''] = path.split('?');
  const params = queryOf(path);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** A column header that sorts the list by `field` (ascending first, then descending). */
export function SortHeader(props: { path: string; state: ListState; field: string; label: string; class?: string }) {
  const on = props.state.sort === props.field ? 'ascending' : props.state.sort === `-${props.field}` ? 'descending' : undefined;
  const next = on === 'ascending' ? `-${props.field}` : props.field;
  return (
    <th scope="col" aria-sort={on ?? 'none'} data-sort={props.field} class={props.class}>
      <a class="sort" href={`#${pathWith(props.path, { sort: next, cursor: undefined })}`} title={on === 'ascending' ? '点击按降序排列' : '点击按升序排列'}>
        {props.label}
        <span class="sort-mark" aria-hidden="true">{on === 'ascending' ? ' ▲' : on === 'descending' ? ' ▼' : ' ↕'}</span>
      </a>
    </th>
  );
}

/** A chip that sorts the list in an order no column shows (the order registered, say). */
export function SortChip(props: { path: string; state: ListState; sort: string; label: string }) {
  const on = props.state.sort === props.sort;
  return (
    <a href={`#${pathWith(props.path, { sort: props.sort, cursor: undefined })}`} class={`chip${on ? ' on' : ''}`} aria-current={on ? 'true' : undefined} data-sort-chip={props.sort}>
      {props.label}
    </a>
  );
}

export interface PageAnswer {
  readonly total: number;
  readonly nextCursor: string | null;
  readonly previousCursor: string | null;
}

/** 上一页 / 下一页, and how many there are in all (within what the person may see). */
export function Pager(props: { path: string; page: PageAnswer | undefined; unit: string }) {
  const to = (cursor: string | null) => (cursor === null ? undefined : pathWith(props.path, { cursor }));
  const previous = to(props.page?.previousCursor ?? null);
  const next = to(props.page?.nextCursor ?? null);
  return (
    <nav class="pager" aria-label="翻页">
      <button type="button" data-page="previous" disabled={previous === undefined} onClick={() => previous && go(previous)}>
        上一页
      </button>
      <button type="button" data-page="next" disabled={next === undefined} onClick={() => next && go(next)}>
        下一页
      </button>
      <span class="count" aria-live="polite" data-total={props.page?.total ?? ''}>
        {props.page ? `共 ${props.page.total} ${props.unit}` : ''}
      </span>
    </nav>
  );
}
