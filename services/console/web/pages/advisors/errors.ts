// A service's problem against the form's fields: a 400's fields, and the field a 422's rule concerns.
import type { Problem } from '../../api.js';
import { fieldErrors, inPersonsTerms } from '../../problems.js';
import { ruleField } from './words.js';

export function formErrors(problem: Problem | undefined): Record<string, string> {
  const errors = fieldErrors(problem);
  const field = problem?.status === 422 ? ruleField(problem.rule) : undefined;
  if (problem && field) errors[field] ??= inPersonsTerms(problem);
  return errors;
}
