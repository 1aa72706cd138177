// `@bureau/year-generator`: a realistic district-year written through the services' own deciders.
export { generateYear, SEED_DISTRICT_YEAR, type DistrictSummary, type GenerateYearOptions, type GenerationProgress, type YearSummary } from './generate-year.js';
export { planDistricts, rowsOf, type DistrictPlan, type TownshipPlan } from './organisations.js';
export { DEMO_PLATFORM_ID } from './hotline.js';
export type { LegalAidCounts } from './legal-aid.js';
export type { HotlineCounts } from './hotline.js';
export type { AdvisorCounts } from './advisors.js';
export type { WalkInCounts } from './walk-ins.js';
