// One list as every list page shows it: fixed column widths (so nothing jumps as data arrives), the
// headers (a sortable one sorts on the server), placeholder rows while loading, a line when there is
// nothing, the rows, and 上一页 / 下一页 when the service pages the list.
import type { ComponentChildren, VNode } from 'preact';
import { Pager, SortHeader, type ListState, type PageAnswer } from './paging.js';
import { PlaceholderRows } from './ui.js';

export interface ListColumn {
  readonly label: string;
  /** The column's share of the table's width, e.g. '18%'. */
  readonly width: string;
  /** The service's sort field, when the column sorts (needs `sorting`). */
  readonly sort?: string;
  /** `num` right-aligns the header over figures. */
  readonly class?: string;
}

export function ListTable<T>(props: {
  /** The table's classes beside `list`. */
  class?: string;
  /** Its name for a screen reader, when the page's heading does not say it. */
  label?: string;
  columns: readonly ListColumn[];
  /** Undefined until the list has arrived. */
  items: readonly T[] | undefined;
  /** Placeholder rows while loading (false after a problem: the problem says why nothing shows). */
  loading: boolean;
  placeholderRows?: number;
  /** What the empty list says, in the person's terms. */
  empty: ComponentChildren;
  /** One item's row: a `<tr>` with its key. */
  row: (item: T) => VNode;
  /** Server-side sorting: the page's address and list state, for the columns with a `sort`. */
  sorting?: { readonly path: string; readonly state: ListState };
  /** Server-side paging: the answer's cursors and total, and the unit counted (条, 个村（社区）). */
  pager?: { readonly path: string; readonly page: PageAnswer | undefined; readonly unit: string };
}) {
  const { columns, items, sorting } = props;
  return (
    <>
      <table class={`list${props.class ? ` ${props.class}` : ''}`} aria-label={props.label}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.label} style={`width: ${c.width}`} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) =>
              c.sort && sorting ? (
                <SortHeader key={c.label} path={sorting.path} state={sorting.state} field={c.sort} label={c.label} class={c.class} />
              ) : (
                <th key={c.label} scope="col" class={c.class}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {!items && props.loading && <PlaceholderRows columns={columns.length} rows={props.placeholderRows} />}
          {items && items.length === 0 && (
            <tr>
              <td colSpan={columns.length} class="empty">
                {props.empty}
              </td>
            </tr>
          )}
          {items?.map((item) => props.row(item))}
        </tbody>
      </table>
      {props.pager && <Pager path={props.pager.path} page={props.pager.page} unit={props.pager.unit} />}
    </>
  );
}
