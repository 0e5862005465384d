// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Imports that would break a boundary of DESIGN.md, per area. */
const nodeOnly = [
  'electron',
  'better-sqlite3',
  '@whiskeysockets/baileys',
  'ws',
  'pino',
  'drizzle-orm',
  'drizzle-orm/*',
];
const restrict = (paths, patterns = []) => [
  'error',
  { paths: paths.map((name) => ({ name, message: 'Not allowed here (see DESIGN.md boundaries).' })), patterns },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      // Second builds beside out/ (WREN_OUT=.out-x), for testing one change while out/ serves another.
      '.out-*/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'src-main/engine/db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JS build and start scripts: no type information, Node globals.
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-undef': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(nodeOnly, [
        { group: ['node:*', '**/src-main/**'], message: 'The renderer talks only to the contract client.' },
      ]),
    },
  },
  {
    files: ['src-main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron'],
        [
          {
            group: ['@whiskeysockets/baileys', '@whiskeysockets/baileys/*'],
            message: 'Only engine/wa/baileys may import Baileys.',
          },
        ],
      ),
    },
  },
  {
    files: ['src-main/engine/wa/baileys/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['electron']) },
  },
  {
    // Only the IPC binding touches ipcMain; only the preload touches ipcRenderer.
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-main/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Only src-main/ipc.ts binds ipcMain.' },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only the preload uses ipcRenderer.' },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(nodeOnly, [
        { group: ['node:*'], message: 'src-shared holds only zod schemas and types.' },
      ]),
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    // expect.any()/stringMatching() are typed `any` by Vitest.
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
