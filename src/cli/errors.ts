/** The failures the command reports as such (exit status 2); anything else thrown is an internal error (3). */

/** The command was called wrongly, or cannot run as asked here (no browser for --render): exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** One input could not be read (a missing file, a dead URL, a page that is no HTML): the others are still linted. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}
