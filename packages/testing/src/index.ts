export { freshDatabase, adminUrl } from './database.js';
export { rowsVisitedBy, statementCapture, statementName } from './plan-cost.js';
