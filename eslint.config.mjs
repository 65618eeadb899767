// ESLint 9 flat config: Salesforce's LWC rules on the TypeScript sources (parsed by
// typescript-eslint), Node rules on the scripts. Emitted lwc/**/*.js is build output.
import { createRequire } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');

const onTs = (configs) => configs.map((c) => ({ ...c, files: ['**/*.ts'] }));

export default [
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      'artifacts/**',
      'dist/**',
      'plugin/dist/**',
      'plugin/node_modules/**',
      '.sf/**',
      '.sfdx/**',
      'force-app/main/default/lwc/**/*.js',
      'force-app/main/default/staticresources/**'
    ]
  },
  ...onTs(lwcConfig.configs.recommended),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { sourceType: 'module', ecmaVersion: 'latest' }
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // TypeScript's own checks (tsc --noEmit, strict, noUnused*) replace these.
      'no-undef': 'off',
      'no-unused-vars': 'off',
      'no-redeclare': 'off',
      'no-dupe-class-members': 'off',
      '@typescript-eslint/no-explicit-any': 'warn'
    }
  },
  {
    // Ambient declarations of platform modules: they describe lwc's own types.
    files: ['types/**/*.d.ts'],
    rules: { '@lwc/lwc/no-disallowed-lwc-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' }
  },
  {
    files: ['**/__tests__/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: { '@lwc/lwc/no-async-operation': 'off', '@lwc/lwc/no-inner-html': 'off' }
  },
  {
    files: ['scripts/**/*.{js,cjs,mjs}', '*.{js,cjs,mjs}', 'types/**/*.js', 'plugin/**/*.{js,cjs,mjs}'],
    languageOptions: { ecmaVersion: 'latest', globals: { ...globals.node } },
    rules: {}
  }
];
