import { ContractError } from '../../../src-shared/contract';

/** The sentence to show a person: the engine's own message when it sent one. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof ContractError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
};
