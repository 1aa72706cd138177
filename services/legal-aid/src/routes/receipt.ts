// 受理回执: what the counter hands the applicant at once: the number, the date, the station, the competent
// office, what happens next and by when, and what was handed in. Names of organisations from the registry.
import type { RegistryState } from '@bureau/organisations';
import { z } from 'zod';
import type { ApplicationSubmitted } from '../domain/index.js';

export const receiptSchema = z.object({
  applicationNumber: z.string(),
  receivedAt: z.string(),
  receivingOrganisation: z.object({ id: z.string(), name: z.string() }),
  competentOffice: z.object({ id: z.string(), name: z.string() }),
  transferNeeded: z.boolean().describe('市域通办: the file goes to the competent office, which reviews it on this receipt\'s clock.'),
  greenChannel: z.boolean(),
  reviewDueAt: z.string().describe('审查期限: the office decides by then (Art. 43), unless materials are requested.'),
  provisional: z.boolean().describe('The due moment reaches into a year with no official calendar loaded.'),
  documentsHandedIn: z.array(z.object({ name: z.string(), sizeBytes: z.number() })),
  nextSteps: z.string(),
});
export type Receipt = z.output<typeof receiptSchema>;

export function receiptOf(submitted: ApplicationSubmitted['data'], registry: RegistryState): Receipt {
  const nameOf = (id: string) => registry.organisations.get(id)?.name ?? id;
  const competent = submitted.competence.competentOfficeId;
  const transferNeeded = competent !== submitted.holderOfficeId;
  return {
    applicationNumber: submitted.applicationNumber,
    receivedAt: submitted.receivedAt,
    receivingOrganisation: { id: submitted.receivingOrganisationId, name: nameOf(submitted.receivingOrganisationId) },
    competentOffice: { id: competent, name: nameOf(competent) },
    transferNeeded,
    greenChannel: submitted.greenChannel.length > 0,
    reviewDueAt: submitted.review.dueAt,
    provisional: submitted.review.provisionalYears.length > 0,
    documentsHandedIn: submitted.documents.map((d) => ({ name: d.name, sizeBytes: d.sizeBytes })),
    nextSteps: transferNeeded
      ? `本申请将移送${nameOf(competent)}审查，审查期限自本回执受理之日起计算。/ Transferred to ${nameOf(competent)}, which reviews it on the clock of this receipt.`
      : `${nameOf(competent)}将在审查期限内作出决定；如需补充材料将一次性告知。/ The office decides within the review limit; any missing materials are listed at once.`,
  };
}
