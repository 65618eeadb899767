const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// .ts before .js: after a build every bundle holds both, and tests must run the TypeScript
// source, never stale build output (asserted in test/jest-resolution.test.ts).
const moduleFileExtensions = ['ts', 'js', 'html', 'json'];

module.exports = {
  projects: [
    {
      // Components and the engine, in jsdom with the LWC preset and Salesforce's stubs.
      ...jestConfig,
      displayName: 'lwc',
      moduleFileExtensions,
      testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts', '<rootDir>/test/*.test.ts']
    },
    {
      // Node-side checks: command line, LWC compile check, Apex and metadata contract tests.
      displayName: 'node',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions,
      transform: { '^.+\\.ts$': require.resolve('@lwc/jest-transformer') },
      testMatch: ['<rootDir>/test/node/**/*.test.ts']
    }
  ],
  collectCoverageFrom: [
    'force-app/main/default/lwc/**/*.ts',
    '!**/__tests__/**',
    '!**/__mocks__/**',
    '!**/types.ts'
  ],
  coverageThreshold: {
    './force-app/main/default/lwc/readinessEngine/': { lines: 90 }
  },
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 30000
};
