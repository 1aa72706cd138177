// Scans of the documents handed in, kept by SHA-256 (@bureau/content-store), once per distinct content.
import { contentStore } from '@bureau/content-store';

export const scans = contentStore('legal_aid_scans');
