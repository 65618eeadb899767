'use strict';
/**
 * A temporary HOME whose Salesforce CLI authorization (~/.sfdx/USERNAME.json and alias.json, alias
 * "fake") points at a fake org (test/node/support/fake-org.cjs), or at `url`, a proxy in front of it;
 * with a refresh token the CLI may refresh the access token. Plus the environment that makes
 * @salesforce/core read it there and write no logs or telemetry.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { API_VERSION } = require('../../../scripts/lib/org-reader.cjs');

function sfHome(org, token = org.token, { url = org.url, refreshToken } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-home-'));
  const sfdx = path.join(dir, '.sfdx');
  fs.mkdirSync(sfdx, { recursive: true });
  const username = org.runningUser.Username;
  fs.writeFileSync(
    path.join(sfdx, `${username}.json`),
    JSON.stringify({
      username,
      orgId: '00D000000000001AAA',
      instanceUrl: url,
      loginUrl: url,
      accessToken: token,
      ...(refreshToken ? { refreshToken, clientId: 'PlatformCLI' } : {}),
      instanceApiVersion: API_VERSION,
      instanceApiVersionLastRetrieved: new Date().toLocaleString(),
      orgEdition: 'Developer Edition',
      namespacePrefix: null
    }),
    { mode: 0o600 }
  );
  fs.writeFileSync(path.join(sfdx, 'alias.json'), JSON.stringify({ orgs: { fake: username } }));
  return dir;
}

/** The environment a command reading HOME's authorization runs with. */
function sfEnv(homeDir) {
  return {
    ...process.env,
    HOME: homeDir,
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    NO_COLOR: '1'
  };
}

module.exports = { sfHome, sfEnv };
