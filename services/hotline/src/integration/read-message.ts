// The body of a verified delivery as a protocol message: JSON (the kit's parser), then the protocol's zod schema, with each
// bad field named (400, nothing written). A message id header that disagrees with the body is refused too.
import { inboundMessageSchema, type InboundMessage } from '@bureau/hotline-protocol/messages';
import { messageIdHeader, signatureWindowSeconds } from '@bureau/hotline-protocol/signing';
import { HttpProblem, parseJsonBody, problemTypes, type FieldError } from '@bureau/service-kit';

const invalid = (detail: string, errors: FieldError[]) =>
  new HttpProblem(400, 'Bad Request', problemTypes.validation, detail, { errors });

export function readMessage(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): InboundMessage {
  // The kit's parser: invalid UTF-8, NUL, lone surrogates and prototype keys are refused naming the field.
  const json = parseJsonBody(rawBody);
  const parsed = inboundMessageSchema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: ['body', ...issue.path.map(String)].join('.'),
      rule: issue.code,
      message: issue.message,
    }));
    throw invalid(`${errors.length} invalid field(s); nothing was recorded.`, errors);
  }
  const message = parsed.data;
  const headerId = headers[messageIdHeader];
  if (headerId !== undefined && headerId !== message.messageId) {
    throw invalid('The message id header and the body disagree.', [
      { field: `headers.${messageIdHeader}`, rule: 'mismatch', message: 'must equal body.messageId' },
    ]);
  }
  // The platform's time is when things happened; one from the future would move deadlines that have not begun.
  if (Date.parse(message.occurredAt) > now.getTime() + signatureWindowSeconds * 1000) {
    throw invalid('occurredAt lies in the future; nothing was recorded.', [
      { field: 'body.occurredAt', rule: 'future', message: 'must not be later than now' },
    ]);
  }
  return message;
}
