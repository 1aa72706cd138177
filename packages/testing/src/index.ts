export { freshDatabase, adminUrl } from './database.js';
