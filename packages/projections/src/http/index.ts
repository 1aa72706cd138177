export { awaitFreshness, requestedPosition, MIN_POSITION_HEADER, MIN_POSITION_QUERY } from './read-your-writes.js';
export type { Freshness, FreshnessOptions, ProblemDetails, RequestLike } from './read-your-writes.js';
export { projectionRoutes } from './routes.js';
export type { ProjectionRoutesOptions, ReplyLike, RouterLike } from './routes.js';
