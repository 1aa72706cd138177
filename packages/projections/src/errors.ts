/**
 * The checkpoint this runner expected is gone: another runner moved it, a rebuild retired this
 * generation, or the projection was parked. The batch was rolled back; the runner must re-read state.
 */
export class LostOwnershipError extends Error {
  readonly code = 'projection_lost_ownership';
  constructor(
    readonly projection: string,
    readonly generation: number,
  ) {
    super(`projection ${projection} generation ${generation}: checkpoint moved under this runner`);
    this.name = 'LostOwnershipError';
  }
}

export class RebuildInProgressError extends Error {
  readonly code = 'projection_rebuild_in_progress';
  constructor(readonly projection: string) {
    super(`projection ${projection}: another process is rebuilding it`);
    this.name = 'RebuildInProgressError';
  }
}

export class ProjectionParkedError extends Error {
  readonly code = 'projection_parked';
  constructor(
    readonly projection: string,
    readonly generation: number,
    /** The failing event, as "id (stream@revision, position commit/prepare)", and its error. */
    readonly event: string,
    readonly reason: string,
  ) {
    super(`projection ${projection} generation ${generation} is parked on event ${event}: ${reason}`);
    this.name = 'ProjectionParkedError';
  }
}

export class UnknownProjectionError extends Error {
  readonly code = 'unknown_projection';
  constructor(readonly projection: string) {
    super(`unknown projection ${projection}`);
    this.name = 'UnknownProjectionError';
  }
}
