// One stream per legal-aid file (an application or a notified case), keyed by our own id. The event
// store's category is the part before the first '-', so the prefix has none.
export const legalAidStreamCategory = 'legalAidCase';

export function legalAidStreamName(caseId: string): string {
  return `${legalAidStreamCategory}-${caseId}`;
}
