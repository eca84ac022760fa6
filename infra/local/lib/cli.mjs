// What every command of infra/local and bench shares: a usage error, read as exit code 2, a numeric option
// checked against its range, named in the error, and the way a command that starts the stack ends.
import { PrerequisiteError } from './artifact.mjs';

/** An option or argument the command cannot take. */
export class UsageError extends Error {}

/** The option `name` of parseArgs' `values` as a number from min to max (a whole one when `integer`). */
export function numberOption(values, name, { min, max = Number.MAX_SAFE_INTEGER, integer = false }) {
  const value = Number(values[name]);
  if (values[name] === undefined || values[name] === '' || !Number.isFinite(value) || value < min || value > max
      || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} ${values[name] ?? ''}: must be ${integer ? 'a whole number' : 'a number'} from ${min}`
      + `${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`);
  }
  return value;
}

/**
 * Runs a command's `main` (which resolves its exit status): a missing prerequisite is said in one line with
 * status 2, any other failure with its stack and status 1.
 */
export function runCommand(main) {
  main().then((code) => {
    process.exitCode = code;
  }).catch((e) => {
    console.error(e instanceof PrerequisiteError ? e.message : (e.stack ?? String(e)));
    process.exitCode = e instanceof PrerequisiteError ? 2 : 1;
  });
}
