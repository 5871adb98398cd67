// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Lint rules for the TypeScript and the voter page's ES modules; `npm test` runs them. */
export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'artifacts/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  { files: ['web/**/*.js'], languageOptions: { globals: globals.browser } },
  // Tests read JSON answers whose shape is the assertion's to check.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    rules: {
      // Unused names are errors, except a leading underscore: a value deliberately left out of a rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // A variable a closure reads before its one assignment (a dependency wired after its user) stays a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
);
