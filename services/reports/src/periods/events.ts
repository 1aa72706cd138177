// The report service's own stream per district (reportPeriods-<districtId>): the statistician's closes
// (关账) and the peer-review ranks recorded from outside (同行评估排名).
/** An ISO 8601 instant. */
type IsoInstant = string;

type Event<Type extends string, Data> = { type: Type; data: Data };

/** The period's figures are, from now on, those counted from what was recorded by this event. */
export type ReportPeriodClosed = Event<'ReportPeriodClosed', { districtId: string; period: string; closedAt: IsoInstant; note: string | null }>;

/** The district's legal-aid 优良率 rank in the city's peer review of `year`, as published. */
export type PeerReviewRankRecorded = Event<'PeerReviewRankRecorded', { districtId: string; year: number; rank: number; of: number; source: string; recordedAt: IsoInstant }>;

export type ReportPeriodsEvent = ReportPeriodClosed | PeerReviewRankRecorded;

export type ClosePeriod = Event<'ClosePeriod', { districtId: string; period: string; note: string | null }>;
export type RecordPeerReviewRank = Event<'RecordPeerReviewRank', { districtId: string; year: number; rank: number; of: number; source: string }>;
export type ReportPeriodsCommand = ClosePeriod | RecordPeerReviewRank;
