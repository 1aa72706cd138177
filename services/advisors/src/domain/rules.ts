// The configured limits a district sets for its advisors, and what every decision receives.
// Defaults follow domain reference §3 (docs/domain/README.md); each one is CONFIGURABLE there.

/**
 * At least 8 hours on site per village per calendar month, counting every advisor who served the village
 * that month: Guangdong practice, domain reference §3 ("Minimum service"), CONFIGURABLE per district.
 */
export const MINIMUM_ON_SITE_HOURS_PER_MONTH = 8;

/** The judicial office (司法所) may start checking a month's logs from the 25th (§3), CONFIGURABLE. */
export const REVIEW_STARTS_ON_DAY = 25;

/**
 * Evidence files (photos, scanned sign-in sheets) are size-limited (issue 18). Not fixed by the reference:
 * the bureau's choice, 20 MiB, enough for a phone photo or a multi-page scan.
 */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export interface AdvisorLimits {
  readonly minimumOnSiteHoursPerMonth: number;
  readonly reviewStartsOnDay: number;
  readonly evidenceMaxBytes: number;
}

export const defaultAdvisorLimits: AdvisorLimits = Object.freeze({
  minimumOnSiteHoursPerMonth: MINIMUM_ON_SITE_HOURS_PER_MONTH,
  reviewStartsOnDay: REVIEW_STARTS_ON_DAY,
  evidenceMaxBytes: EVIDENCE_MAX_BYTES,
});

/** Defaults overlaid with a district's configuration; throws RangeError on a limit out of range. */
export function advisorLimits(overrides: Partial<AdvisorLimits> = {}): AdvisorLimits {
  const limits = { ...defaultAdvisorLimits, ...overrides };
  const { minimumOnSiteHoursPerMonth: hours, reviewStartsOnDay: day, evidenceMaxBytes: bytes } = limits;
  // Minutes are what entries record: a minimum in hours must be whole minutes (7.5 h is fine, 7.51 is not).
  if (!(Number.isFinite(hours) && hours >= 0 && Number.isInteger(hours * 60))) {
    throw new RangeError(`minimumOnSiteHoursPerMonth must be >= 0 in whole minutes, got ${String(hours)}`);
  }
  if (!(Number.isInteger(day) && day >= 1 && day <= 28)) {
    throw new RangeError(`reviewStartsOnDay must be a day 1..28 (every month has it), got ${String(day)}`);
  }
  if (!(Number.isInteger(bytes) && bytes >= 1)) throw new RangeError(`evidenceMaxBytes must be >= 1, got ${String(bytes)}`);
  return Object.freeze(limits);
}
