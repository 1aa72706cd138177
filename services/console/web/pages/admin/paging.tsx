// A list's order and page, kept in the page's address (so a refresh or a link keeps them) and asked of
// the service: the service sorts and pages; the console only shows what came back.
import { go, queryOf } from '../../router.js';

export interface ListPlace {
  readonly sort: string;
  readonly offset: number;
}

export function placeOf(path: string, defaultSort: string): ListPlace {
  const query = queryOf(path);
  const offset = Number(query.get('offset') ?? '0');
  return { sort: query.get('sort') ?? defaultSort, offset: Number.isInteger(offset) && offset > 0 ? offset : 0 };
}

/** The same page's address with some of its query changed (a value of '' removes it). */
export function withQuery(path: string, changes: Record<string, string>): string {
  const [pathname = '/', search = ''] = path.split('?');
  const query = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') query.delete(key);
    else query.set(key, value);
  }
  const text = query.toString();
  return text ? `${pathname}?${text}` : pathname;
}

export function SortChoice(props: { path: string; sort: string; options: ReadonlyArray<{ key: string; label: string }> }) {
  return (
    <label class="inline-label">
      排序
      <select value={props.sort} onChange={(e) => go(withQuery(props.path, { sort: (e.target as HTMLSelectElement).value, offset: '' }))}>
        {props.options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Pager(props: { path: string; offset: number; limit: number; total: number | undefined }) {
  const { offset, limit, total } = props;
  const to = (at: number) => go(withQuery(props.path, { offset: at > 0 ? String(at) : '' }));
  return (
    <div class="pager" aria-label="翻页">
      <button type="button" disabled={offset === 0} onClick={() => to(Math.max(0, offset - limit))}>
        上一页
      </button>
      <span class="count" aria-live="polite">
        {total === undefined ? '' : total === 0 ? '共 0 条' : `第 ${offset + 1}–${Math.min(offset + limit, total)} 条，共 ${total} 条`}
      </span>
      <button type="button" disabled={total === undefined || offset + limit >= total} onClick={() => to(offset + limit)}>
        下一页
      </button>
    </div>
  );
}
