// `@bureau/service-kit/paging`: server-side paging and sorting for the services' lists.
export { encodeCursor, decodeCursor, type Cursor } from './cursor.js';
export { pageFields, pagingQuery, sortField, cursorOf, pageLink, type SortParam } from './query.js';
export { readPage, type KeyType, type SortKey, type Page, type PageRequest } from './keyset.js';
export { pageOfList, pagedList, numerically, byPinyin, type ListKey } from './in-memory.js';
