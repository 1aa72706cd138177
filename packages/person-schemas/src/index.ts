// @bureau/person-schemas: a person as the bureau records one. Only zod: usable in a browser form too.
export {
  RESIDENT_ID_WEIGHTS,
  residentIdBirthDate,
  residentIdCheckCharacter,
  residentIdNumber,
  residentIdNumberSchema,
  residentIdProblem,
  residentIdProblemMessages,
  type ResidentIdProblem,
} from './resident-id.js';
export {
  documentTypeNames,
  identityDocument,
  identityDocumentSchema,
  otherDocumentTypes,
  type IdentityDocument,
  type IdentityDocumentInput,
  type OtherDocumentType,
} from './identity-document.js';
export { normalisePhone, phoneNumber, PHONE_MESSAGE, type PhoneKind } from './phone.js';
export { birthDateOf, person, personGroupNames, personGroups, personSchema, type Person, type PersonGroup, type PersonInput } from './person.js';
