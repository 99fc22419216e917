import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Log lines, file names and container names are untrusted: never render them as HTML.
      'vue/no-v-html': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  // Where code may run is in its path (VS Code's layering rule), and these blocks enforce it by folder:
  //   common/          runs anywhere: main, preload and the page. No Node, no electron, imports no layer.
  //   main/electron/   the Electron shell: the only main code that may import electron.
  //   main/ (the rest) plain Node: the engine, the bridge, browser mode. Tests and `npm run web` run it.
  //   preload/         Electron's sandboxed preload: electron and common/ only.
  //   renderer/        the page: common/ and its own code; views reach the bridge only through stores.
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'common/ runs in the page too: no electron.' }],
        patterns: [
          { group: ['@main/*', '@renderer/*', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'common/ imports nothing from main, preload or renderer: they import it.' },
          { group: ['node:*'], message: 'common/ runs in the page too: no Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ may import electron: the rest of main runs under plain Node (tests, browser mode).' }],
        patterns: [{ group: ['@renderer/*', '**/preload/*', '**/renderer/**'], message: 'Main shares plain data and the contract through common/, never preload or renderer.' }],
      }],
    },
  },
  {
    // Tests, benchmarks and scripts run under plain Node (the Electron smoke test drives the binary
    // through Playwright); they may import any layer's plain TypeScript, never a component.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Tests, benchmarks and scripts run under plain Node: no electron.' }],
        patterns: [{ group: ['**/*.vue'], message: 'Node tests cover plain TypeScript; components are tested end to end in the browser.' }],
      }],
    },
  },
  {
    files: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@renderer/*', '**/preload/*', '**/renderer/**'], message: 'Share plain data and the contract through common/.' }] }],
    },
  },
  {
    files: ['preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@main/*', '@renderer/*', '**/main/**', '**/renderer/**'], message: 'Preload meets main only in common/: it never reaches into main.' }] }],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The page has no electron: it reaches main through window.berth.' }],
        patterns: [{ group: ['@main/*', '**/main/**', '**/preload/**'], message: 'The page shares only common/ with main and preload.' }],
      }],
    },
  },
  {
    // The page reaches the bridge only through its stores.
    files: ['renderer/src/**/*.vue', 'renderer/src/components/**', 'renderer/src/composables/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'berth', message: 'Views call store actions; stores use renderer/src/bridge.' }],
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The page has no electron: it reaches main through window.berth.' }],
        patterns: [
          { group: ['**/bridge', '**/bridge/*', '@renderer/bridge', '@renderer/bridge/*'], message: 'Views call store actions; stores use the bridge.' },
          { group: ['@main/*', '**/main/**', '**/preload/**'], message: 'The page shares only common/ with main and preload.' },
        ],
      }],
    },
  },
)
