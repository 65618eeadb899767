import { ReadinessCommand, orgFlags } from '../../../readiness.js';

export default class Candidates extends ReadinessCommand {
  static summary = 'List the users of an org most likely to be the Act-On integration user, best first.';

  static description =
    'Reads the org (read-only) and ranks its users by how much they look like an integration user; asks nothing. ' +
    'Score one with "acton readiness score --user". Exit codes as for score: 0 done, 2 bad input, 3 the org ' +
    'cannot be reached or read, 4 an internal error.';

  static examples = [
    {
      description: 'List the likely integration users of the org "acme":',
      command: '<%= config.bin %> <%= command.id %> --target-org acme'
    },
    {
      description: 'The same list as JSON:',
      command: '<%= config.bin %> <%= command.id %> -o acme --json'
    }
  ];

  static flags = { ...orgFlags };

  async run() {
    const flags = await this.flags();
    return this.score(ReadinessCommand.targetOrgArgs(flags));
  }
}
