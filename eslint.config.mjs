// @ts-check
// ESLint for the whole tree: the TypeScript in apps/, libs/ and test/, the ESM
// scripts in scripts/ and the CommonJS config files. `npm run lint` runs it
// with --max-warnings 0 (and `npm test` runs `npm run lint` first), so a rule
// here is either an error or off: a warning nobody has to fix is noise.
//
// Formatting is Prettier's job alone (see .prettierrc); eslint-config-prettier,
// last in the list, switches off every rule that would argue with it. Don't add
// stylistic rules here.
//
// The rules are ESLint's and typescript-eslint's `recommended` sets, which need
// no type information, so a run over the tree takes seconds. A few are tuned
// below where the code's own conventions make them misfire; the import rules at
// the end encode two architectural decisions and say why in their messages.
// (The type-checked set, `recommendedTypeChecked` with `projectService`, ran in
// about 20 s here; it is left for later because it reports some 80 findings in
// code that is being moved right now.)
//
// When a rule is wrong for one line, disable it for that line and say why:
//   // eslint-disable-next-line some-rule -- the reason
// A directive that no longer suppresses anything is itself an error.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Why the package root of aws-xray-sdk-core is off limits. Loading it (or one of
 * the modules listed in XRAY_SDK_AUTOMATIC_MODE) loads context_utils, which
 * creates cls-hooked's namespace and with it an async hook that runs for every
 * promise in the process, whether or not anything uses X-Ray's automatic mode.
 */
const XRAY_ROOT_MESSAGE =
  "aws-xray-sdk-core's package root turns on cls-hooked's promise hook for the whole process " +
  '(measured 35% slower). Import the deep module you need, such as ' +
  "'aws-xray-sdk-core/dist/lib/segments/segment', as libs/observability does.";

/**
 * The SDK's root under its other names, and the deep modules that load
 * context_utils (checked by requiring each module of dist/lib alone). The
 * segment classes, the emitter, the logger, utils and middleware do not.
 */
const XRAY_SDK_AUTOMATIC_MODE =
  '^aws-xray-sdk-core(/dist/lib(/(index|aws-xray|capture|context_utils|env/aws_lambda|patchers/[^/]+))?)?(\\.js)?/?$';

/** Import restrictions that hold everywhere. */
const xrayRootPattern = { regex: XRAY_SDK_AUTOMATIC_MODE, message: XRAY_ROOT_MESSAGE };

/** The same regex inside an esquery selector, whose /regex/ cannot contain a slash. */
const XRAY_SELECTOR_REGEX = `/${XRAY_SDK_AUTOMATIC_MODE.replaceAll('/', '\\u002F')}/`;

/** Where code must reach OpenTelemetry only through the observability lib. */
const OBSERVABILITY_CLIENTS = ['apps/**', 'libs/platform/**', 'libs/contracts/**'];

const OTEL_MESSAGE =
  'Apps, libs/platform and libs/contracts use OpenTelemetry only through @app/observability ' +
  "(and an app's telemetry.ts through @app/observability/telemetry), so that there is one place " +
  'that owns spans, context and propagation, and one copy of @opentelemetry/api in the tree.';

export default defineConfig(
  // Build output, coverage reports and installed packages (node_modules is
  // ignored by ESLint already). Nothing in the tree is generated: the two
  // *.grammar.ts files in apps/collector hold hand-written peggy grammars as
  // strings and build their parsers in memory, so they are linted like the rest.
  globalIgnores(['**/dist/', '**/coverage/', '**/*.tsbuildinfo']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'project/environment',
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.node },
    },
    linterOptions: {
      // So that disable comments don't outlive the code they excused.
      reportUnusedDisableDirectives: 'error',
    },
  },

  {
    name: 'project/tuning',
    rules: {
      // Unused parameters named with a leading underscore are intentional: they
      // keep a positional signature (Nest hooks, jest reporter callbacks,
      // `catch (_error)`). Rest siblings drop keys from an object on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `import x = require('...')` is TypeScript's own form for a CommonJS
      // module that assigns `module.exports` (the SDK's deep modules); a bare
      // require() call is still reported.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },

  {
    // The collector's trace explorer page runs in a browser (bundled by
    // scripts/build-explorer.mjs), not in Node.
    name: 'project/browser',
    files: ['apps/collector/explorer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    name: 'project/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      // jest.config.js and the jest reporter are CommonJS by necessity.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  {
    name: 'project/imports',
    rules: {
      // The typescript-eslint version also sees `import x = require('...')`,
      // the form libs/observability uses for the SDK's deep modules.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [xrayRootPattern] }],
      // The same for require() and import(), which the rule above cannot see.
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.name='require'][arguments.0.value=${XRAY_SELECTOR_REGEX}]`,
          message: XRAY_ROOT_MESSAGE,
        },
        {
          selector: `ImportExpression[source.value=${XRAY_SELECTOR_REGEX}]`,
          message: XRAY_ROOT_MESSAGE,
        },
      ],
    },
  },

  {
    name: 'project/imports-through-observability',
    files: OBSERVABILITY_CLIENTS,
    rules: {
      // Options of a rule do not merge across config objects: this list
      // repeats the X-Ray pattern.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [xrayRootPattern, { group: ['@opentelemetry/*'], message: OTEL_MESSAGE }] },
      ],
    },
  },

  prettier,
);
