// Every area of the console, in the order the header and the home page show them. An area is added here,
// in its own file, and nowhere else.
import { advisorsArea } from './advisors.js';
import type { Area } from './area.js';
import { adminArea } from './admin.js';
import { auditArea } from './audit.js';
import { hotlineArea } from './hotline.js';
import { intakeArea } from './intake.js';
import { reportsArea } from './reports.js';
import { walkInArea } from './walk-ins.js';

export const areas: readonly Area[] = [
  hotlineArea,
  intakeArea,
  advisorsArea,
  auditArea,
  walkInArea,
  reportsArea,
  adminArea,
];

export function worksIn(area: Area, role: string): boolean {
  return area.roles.includes(role);
}
