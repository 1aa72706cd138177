// The statistician's stream of one district: which periods are closed, the ranks recorded. Pure.
import { DomainRuleError } from '@bureau/service-kit';
import type { ReportPeriodsCommand, ReportPeriodsEvent } from './events.js';
import { parsePeriod } from './period.js';

export interface ReportPeriodsState {
  readonly closed: ReadonlySet<string>;
}

export const initialReportPeriods = (): ReportPeriodsState => ({ closed: new Set() });

export function evolveReportPeriods(state: ReportPeriodsState, event: ReportPeriodsEvent): ReportPeriodsState {
  switch (event.type) {
    case 'ReportPeriodClosed':
      return { closed: new Set([...state.closed, event.data.period]) };
    case 'PeerReviewRankRecorded':
      return state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export interface PeriodsContext {
  readonly now: Date;
}

export function decideReportPeriods(command: ReportPeriodsCommand, state: ReportPeriodsState, { now }: PeriodsContext): ReportPeriodsEvent[] {
  switch (command.type) {
    case 'ClosePeriod': {
      const { districtId, period, note } = command.data;
      const parsed = parsePeriod(period);
      if (!parsed) throw new DomainRuleError('period_unknown', `${period} is not a year, quarter or month`);
      // A period still running cannot be closed: its figures are still happening.
      if (parsed.to.getTime() > now.getTime()) throw new DomainRuleError('period_not_ended', `${period} has not ended yet`);
      if (state.closed.has(period)) throw new DomainRuleError('period_already_closed', `${period} is already closed; a later correction shows as a restatement`);
      return [{ type: 'ReportPeriodClosed', data: { districtId, period, closedAt: now.toISOString(), note } }];
    }
    case 'RecordPeerReviewRank': {
      const { districtId, year, rank, of, source } = command.data;
      if (rank > of) throw new DomainRuleError('rank_beyond_field', `rank ${rank} of ${of} districts`);
      return [{ type: 'PeerReviewRankRecorded', data: { districtId, year, rank, of, source, recordedAt: now.toISOString() } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const reportPeriodsCategory = 'reportPeriods';
export const reportPeriodsStreamName = (districtId: string) => `${reportPeriodsCategory}-${districtId}`;
