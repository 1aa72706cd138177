// What a generated dataset (a district-year) is checked with: every case's replayed state against its
// service's read model, and the case kinds it replays them with (the owners' registries and evolve).
export { readModelAgreement, type AgreementReport, type Disagreement, type Queryable, type ReadModelDatabases } from './read-model-agreement.js';
export { caseKinds } from '../cases/kinds.js';
export type { CaseKind } from '../cases/case-kind.js';
