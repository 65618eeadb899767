/**
 * What the sf commands share: the command line they run (scripts/score.cjs, the same one `npm run
 * score` runs, with the same engine and readers), the org flag, and the mapping of its exit codes
 * and one-line messages onto sf's conventions (the { status, result, warnings } envelope with --json,
 * sf's error envelope on stdout with --json, one line on stderr without).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';

const require = createRequire(import.meta.url);

/**
 * The packaged copy (dist/, written by build/prepack.cjs) or, run from the repository, the source.
 * Either way one command line: the package holds no code of its own that scores.
 */
function scriptsDir() {
  const packaged = new URL('../dist/scripts/', import.meta.url);
  return fs.existsSync(packaged) ? packaged : new URL('../../scripts/', import.meta.url);
}
const SCRIPTS = scriptsDir();
export const score = require(fileURLToPath(new URL('score.cjs', SCRIPTS)));
const orgReader = require(fileURLToPath(new URL('lib/org-reader.cjs', SCRIPTS)));

const NAMES = {
  [score.EXIT.INPUT]: 'ReadinessInputError',
  [score.EXIT.ORG]: 'ReadinessOrgError',
  [score.EXIT.INTERNAL]: 'ReadinessInternalError'
};

/** An error that carries the exit code of the command line (2, 3 or 4) and a one-line message. */
export function exitError(message, exitCode) {
  const error = new SfError(oneLine(message), NAMES[exitCode] ?? 'ReadinessError', undefined, exitCode);
  error.code = NAMES[exitCode] ?? 'ReadinessError';
  error.oclif = { exit: exitCode };
  return error;
}

const oneLine = (message) =>
  String(message ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/** Marks an error of the org flag's own parsing, keeping what was asked for. */
class OrgFlagError extends Error {
  constructor(cause, input) {
    super(cause?.message ?? String(cause));
    this.name = cause?.name ?? 'OrgFlagError';
    this.cause = cause;
    this.input = input;
  }
}

/**
 * sf-plugins-core's required org flag (-o/--target-org, or sf's target-org config), with its
 * failures marked so that run() exits 3 with one line whether the alias is unknown, the stored
 * authorization is unreadable or no org is given at all.
 */
const asGiven = new WeakMap();
function targetOrgFlag() {
  const flag = Flags.requiredOrg();
  return {
    ...flag,
    parse: async (input, context, options) => {
      try {
        const org = await flag.parse(input, context, options);
        asGiven.set(org, input);
        return org;
      } catch (e) {
        throw new OrgFlagError(e, input);
      }
    },
    default: async (context) => {
      try {
        return await flag.default(context);
      } catch (e) {
        throw new OrgFlagError(e, undefined);
      }
    }
  };
}

function orgFlagExit(error) {
  const { cause, input } = error;
  if (input && orgReader.isMissingAuthorization(cause))
    return exitError(orgReader.noAuthorization(input).message, score.EXIT.ORG);
  const message = oneLine(String(cause?.message ?? error.message).split('\n')[0]);
  return exitError(input ? `cannot use --target-org ${input}: ${message}` : message, score.EXIT.ORG);
}

export const orgFlags = {
  'target-org': targetOrgFlag(),
  timeout: Flags.string({
    summary: 'Seconds to wait for each answer from the org (default 30, at most 600).',
    helpValue: 'SECONDS'
  })
};

/** A command that runs scripts/score.cjs with arguments made from its flags. */
export class ReadinessCommand extends SfCommand {
  static enableJsonFlag = true;

  /** The flags, parsed; a failure of the org flag's parsing exits 3 with one line. */
  async flags() {
    try {
      return (await this.parse(this.constructor)).flags;
    } catch (e) {
      if (e instanceof OrgFlagError) throw orgFlagExit(e);
      throw e;
    }
  }

  /**
   * Runs the command line. With --json its report is parsed and returned for sf's envelope (with the
   * exit code as the envelope's status); without, its text goes straight to stdout. Exit codes 2, 3
   * and 4 become errors carrying the command line's one line.
   */
  async score(argv) {
    const json = this.jsonEnabled();
    let out = '';
    let err = '';
    const stdout = json ? { write: (s) => (out += s) } : process.stdout;
    const stderr = { write: (s) => (err += s) };
    const code = await score.run(json ? [...argv, '--json'] : argv, { stdout, stderr });
    if (code >= score.EXIT.INPUT) {
      const line = err.trim().split('\n').pop() ?? '';
      throw exitError(line.replace(/^score: /, ''), code);
    }
    if (err) process.stderr.write(err);
    process.exitCode = code;
    return json ? JSON.parse(out) : undefined;
  }

  /** The org's alias as given (so messages name it as the user does), else its username. */
  static targetOrgArgs(flags) {
    const org = flags['target-org'];
    const args = ['--target-org', asGiven.get(org) ?? org.getUsername()];
    if (flags.timeout !== undefined) args.push('--timeout', flags.timeout);
    return args;
  }

  /**
   * Errors as sf shows them, on one line without --json (sf's own formatting adds blank lines and
   * colour): "Error (ReadinessOrgError): ...". With --json, sf's error envelope on stdout. An error
   * that is neither the command line's nor oclif's exits 4, as an internal error of the command line.
   */
  async catch(thrown) {
    // oclif's own errors (flag parsing: 2) and ours carry their exit code; anything else is internal.
    const error =
      typeof thrown?.oclif?.exit === 'number'
        ? thrown
        : exitError(
            `internal error: ${String(thrown?.message ?? thrown).split('\n')[0]}`,
            score.EXIT.INTERNAL
          );
    if (this.jsonEnabled()) return super.catch(error);
    const code = error.oclif.exit;
    process.exitCode = code;
    // As sf names it: the error's code, else the exit code.
    const name = typeof error?.code === 'string' || typeof error?.code === 'number' ? error.code : code;
    process.stderr.write(`Error (${name}): ${oneLine(error?.message)}\n`);
    error.skipOclifErrorHandling = true;
    error.oclif = { exit: code };
    throw error;
  }
}
