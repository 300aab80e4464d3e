import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noDriverSwitch = {
  selector: "SwitchStatement[discriminant.property.name='driver']",
  message: 'Drivers are data: ask the driver table a structural question instead of switching on its name.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-syntax': ['error', noDriverSwitch],
    },
  },
  {
    files: ['src/model/**/*.ts'],
    ignores: ['src/model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', '@xyflow/*', 'zustand', 'zustand/*'], message: 'src/model is pure: no UI.' },
            { group: ['node:*'], message: 'src/model is pure: no Node.js APIs.' },
            { group: ['**/editor/**', '**/cli/**', '**/export/**'], message: 'src/model imports only src/model.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/export/**/*.ts'],
    ignores: ['src/export/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', '@xyflow/*', 'zustand', 'node:*'],
              message: 'src/export depends on the model only.',
            },
            { regex: '/model/(?!index\\.ts$)', message: 'src/export imports only src/model/index.ts.' },
            { group: ['**/editor/**', '**/cli/**'], message: 'src/export depends on the model only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/editor/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', '**/cli/**'], message: 'The editor runs in a browser.' }] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.{ts,mjs}', 'e2e/**/*.ts', '*.config.{ts,js}', 'bin/**', 'bench/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.{ts,mjs}', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
