/**
Exit codes: 0 done; 1 a problem with the user's input; 2 bad usage.
A command throws `UserError` for input problems it has already described in one
line each; the entry point prints the lines and exits with the code, never a
stack trace.
*/
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

export class UserError extends Error {
  constructor(
    /** One line per problem, already formatted for the terminal. */
    readonly lines: string[],
    readonly code: number = EXIT_INPUT,
  ) {
    super(lines.join('\n'));
    this.name = 'UserError';
  }
}

export function usageError(message: string): UserError {
  return new UserError([`dcplan: ${message}`], EXIT_USAGE);
}
