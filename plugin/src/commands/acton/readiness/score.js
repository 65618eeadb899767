import { Flags } from '@salesforce/sf-plugins-core';
import { ReadinessCommand, orgFlags, score } from '../../../readiness.js';

export default class Score extends ReadinessCommand {
  static summary = "Score an integration user against Act-On's connector checklist.";

  static description =
    'Reads the user from the org (read-only) and scores it with the same engine and checklist as the package. ' +
    'Exit codes: 0 done (whatever the status, unless --fail-on says otherwise); 1 --fail-on met; 2 bad input; ' +
    '3 the org cannot be reached, or its authorization is missing or expired, or the user logged in may not ' +
    'read what scoring needs; 4 an internal error. Errors are one line on stderr, or the error envelope with --json.';

  static examples = [
    {
      description: 'Score a user and show the report:',
      command: '<%= config.bin %> <%= command.id %> --target-org acme --user acton@acme.example'
    },
    {
      description: 'Fail a pipeline when the user is blocked, keeping the report for next time:',
      command:
        '<%= config.bin %> <%= command.id %> -o acme --user acton@acme.example --fail-on blocked --json > report.json'
    },
    {
      description:
        'Compare with the last report (saved with --json, the sf envelope is fine) and fail on a regression:',
      command:
        '<%= config.bin %> <%= command.id %> -o acme --user acton@acme.example --compare last.json --fail-on regression --markdown report.md'
    }
  ];

  static flags = {
    ...orgFlags,
    user: Flags.string({
      summary: 'The integration user: a username or a user id. Without it, see "acton readiness candidates".',
      required: true
    }),
    compare: Flags.string({
      summary:
        'A report saved before with --json (plain or in the sf envelope): the output says what changed.',
      helpValue: 'FILE'
    }),
    'fail-on': Flags.string({
      summary: 'Exit 1 when the user is at risk (or worse), blocked, or worse than the --compare report.',
      options: score.FAIL_ON
    }),
    'save-snapshot': Flags.string({
      summary: 'Also save what was read, to score again later with act-on-readiness --snapshot FILE.',
      helpValue: 'FILE'
    }),
    markdown: Flags.string({
      summary: 'Also write the report as Markdown (for a pipeline summary or a ticket).',
      helpValue: 'FILE'
    })
  };

  async run() {
    const flags = await this.flags();
    const args = [...ReadinessCommand.targetOrgArgs(flags), '--user', flags.user];
    for (const name of ['compare', 'fail-on', 'save-snapshot', 'markdown'])
      if (flags[name] !== undefined) args.push(`--${name}`, flags[name]);
    return this.score(args);
  }
}
