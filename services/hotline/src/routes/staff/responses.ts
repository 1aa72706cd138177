// The answers every staff command route documents.
import { problemSchema } from '@bureau/service-kit';
import { staffCommandResponse } from '../staff-command.js';

export const staffCommandResponses = {
  200: staffCommandResponse,
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  422: problemSchema,
  503: problemSchema,
};
