export { fontFacesFor } from './fonts.js';
export { PdfRenderer } from './pdf-renderer.js';
export { escapeHtml, beijingDate } from './text.js';
