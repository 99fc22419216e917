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
  {
    // The engine runs under plain Node (tests, browser mode): it must never reach for electron.
    files: ['main/engine/**', 'main/bridge/**', 'main/browser-mode/**', 'main/web.ts', 'main/link-gate.ts', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/index.ts, main/window.ts and preload/index.ts may import electron.' }],
        patterns: [{ group: ['**/preload/*', '**/renderer/**'], message: 'Main shares plain data and the contract through common/, never preload or renderer.' }],
      }],
    },
  },
  {
    // Unit tests of the renderer's pure parts (format, CLI lines, stores without the bridge) run under Node.
    files: ['test/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Renderer tests run under plain Node.' }] }],
    },
  },
  {
    // common/ is the plain data and the contract that cross the bridge: it runs anywhere (main, preload, page).
    files: ['common/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'common/ runs in the page too: no electron.' }],
        patterns: [
          { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'common/ imports nothing from main, preload or renderer: they import it.' },
          { group: ['node:*'], message: 'common/ runs in the page too: no Node modules.' },
        ],
      }],
    },
  },
  {
    // Main and preload meet only in common/: main never imports preload or renderer, preload never reaches into main.
    files: ['main/**', 'preload/**'],
    ignores: ['main/engine/**', 'main/bridge/**', 'main/browser-mode/**', 'main/web.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/preload/*', '**/renderer/**', '**/main/**'], message: 'Share plain data and the contract through common/.' }] }],
    },
  },
  {
    // The page reaches the bridge only through its stores.
    files: ['renderer/src/views/**', 'renderer/src/pages/**', 'renderer/src/components/**', 'renderer/src/App.vue'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'berth', message: 'Views call store actions; stores use renderer/src/bridge.' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/bridge', '**/bridge/*'], message: 'Views call store actions; stores use the bridge.' }] }],
    },
  },
)
