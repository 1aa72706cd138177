export { freshDatabase, adminUrl } from './database.js';
export { rowsVisitedBy, statementCapture, statementName } from './plan-cost.js';
export { eventually } from './eventually.js';
