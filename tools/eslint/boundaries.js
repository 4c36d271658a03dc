// @ts-check
/**
 * Setu's architecture boundaries as one ESLint rule, `setu/boundaries` (DESIGN.md, "Layout").
 *
 * Every import, `export … from`, dynamic `import()` and `import('…')` type whose specifier is a path (relative or
 * absolute) is resolved against the importing file and both ends are classified by where they sit in the repository:
 *
 * 1. `src/server/features/<A>/…` may reach `src/server/features/<B>/…` (B ≠ A) only as `src/server/features/<B>/index.ts`.
 * 2. `src/server/platform/…` must not import `src/server/features/…`.
 * 3. `src/contracts/…` must not import `src/server`, `src/cli`, `src/web` or a Node builtin: contracts are shared with the
 *    browser and do no I/O.
 * 4. `src/web/ui/…` must not import `src/web/features/…`; `src/web/features/<A>` may reach `src/web/features/<B>` only
 *    through its `index.ts` (or `index.tsx`).
 * 5. `src/server/testing/…` is test support: only `*.test.ts(x)` files, `src/server/testing/` itself, `bench/` and `e2e/` may import it.
 *
 * Plain JavaScript with JSDoc types so that ESLint loads it without a build step.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';

/** @typedef {import('eslint').Rule.RuleModule} RuleModule */

/**
 * Where a file sits, as a repository-relative path with `/` separators (`src/server/features/org/turf.ts`),
 * or null when it is outside the repository root.
 * @param {string} root absolute repository root
 * @param {string} file absolute file path
 * @returns {string | null}
 */
function repoPath(root, file) {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/**
 * The name of the feature a repo path belongs to under `base` (`src/server/features/`), or null.
 * An importing file directly in `base` belongs to no feature; an import target directly in `base` is a feature's
 * folder (`'../org'`), which is not its index.
 * @param {string} p repo path
 * @param {string} base folder with a trailing slash
 * @param {boolean} [target] whether `p` is what is imported rather than the importing file
 * @returns {string | null}
 */
function featureOf(p, base, target = false) {
  if (!p.startsWith(base)) return null;
  const rest = p.slice(base.length);
  const slash = rest.indexOf('/');
  if (slash > 0) return rest.slice(0, slash);
  return target && rest !== '' ? rest : null;
}

/**
 * @param {string} p repo path
 * @param {string} dir folder without a trailing slash
 */
function isUnder(p, dir) {
  return p === dir || p.startsWith(`${dir}/`);
}

/** @param {string} p repo path */
function isTestFile(p) {
  return /\.test\.tsx?$/.test(p);
}

const SERVER_FEATURES = 'src/server/features/';
const WEB_FEATURES = 'src/web/features/';

/**
 * The violations of importing `target` from `source` (both repo paths); at most one message.
 * @param {string} source
 * @param {string} target
 * @returns {{ messageId: string, data?: Record<string, string> } | null}
 */
function checkPaths(source, target) {
  // 1. Features talk to each other only through their index.ts.
  const fromFeature = featureOf(source, SERVER_FEATURES);
  const toFeature = featureOf(target, SERVER_FEATURES, true);
  if (fromFeature && toFeature && fromFeature !== toFeature && target !== `${SERVER_FEATURES}${toFeature}/index.ts`) {
    return { messageId: 'featureIndex', data: { a: fromFeature, b: toFeature, side: 'features' } };
  }

  // 2. The platform serves features and never depends on one.
  if (isUnder(source, 'src/server/platform') && isUnder(target, 'src/server/features')) {
    return { messageId: 'platformFeature' };
  }

  // 3. Contracts are shared with the browser and do no I/O.
  if (isUnder(source, 'src/contracts')) {
    const layer = ['src/server', 'src/cli', 'src/web'].find((dir) => isUnder(target, dir));
    if (layer) return { messageId: 'contractsLayer', data: { what: layer } };
  }

  // 4. The web design system imports no feature; web features meet through their index.
  if (isUnder(source, 'src/web/ui') && isUnder(target, 'src/web/features')) {
    return { messageId: 'webUiFeature' };
  }
  const fromWebFeature = featureOf(source, WEB_FEATURES);
  const toWebFeature = featureOf(target, WEB_FEATURES, true);
  if (
    fromWebFeature &&
    toWebFeature &&
    fromWebFeature !== toWebFeature &&
    target !== `${WEB_FEATURES}${toWebFeature}/index.ts` &&
    target !== `${WEB_FEATURES}${toWebFeature}/index.tsx`
  ) {
    return { messageId: 'featureIndex', data: { a: fromWebFeature, b: toWebFeature, side: 'web/features' } };
  }

  // 5. Test support stays out of production code.
  if (
    isUnder(target, 'src/server/testing') &&
    !isTestFile(source) &&
    !isUnder(source, 'src/server/testing') &&
    !isUnder(source, 'bench') &&
    !isUnder(source, 'e2e')
  ) {
    return { messageId: 'testingOnly' };
  }
  return null;
}

/**
 * The string a module specifier node holds, if it is a plain literal (or a template without expressions).
 * @param {any} node
 * @returns {string | null}
 */
function specifierOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  if (node.type === 'TSLiteralType') return specifierOf(node.literal); // `import('…')` types, older AST shape
  return null;
}

/** @type {RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: "Enforce Setu's architecture boundaries between features, platform, contracts, web and test support",
    },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string', description: 'Absolute repository root; defaults to the directory ESLint runs in.' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      featureIndex: '{{side}}/{{a}} may use {{side}}/{{b}} only through its index.ts',
      platformFeature: 'platform/ must not depend on a feature',
      contractsLayer: 'contracts/ must not import {{what}}: contracts are shared with the browser and do no I/O',
      contractsBuiltin: 'contracts/ must not import the Node builtin "{{what}}": contracts are shared with the browser and do no I/O',
      webUiFeature: 'web/ui must not depend on a feature',
      testingOnly: 'src/server/testing/ is test support: only *.test.ts files, src/server/testing/, bench/ and e2e/ may import it',
    },
  },

  create(context) {
    const options = /** @type {{ root?: string } | undefined} */ (context.options[0]);
    const root = path.resolve(options?.root ?? context.cwd);
    const file = path.resolve(root, context.physicalFilename ?? context.filename);
    const source = repoPath(root, file);
    if (!source) return {};
    const inContracts = isUnder(source, 'src/contracts');

    /**
     * @param {any} specNode the node holding the specifier, reported on
     */
    const check = (specNode) => {
      const spec = specifierOf(specNode);
      if (spec === null) return;
      if (inContracts && isBuiltin(spec)) {
        context.report({ node: specNode, messageId: 'contractsBuiltin', data: { what: spec } });
        return;
      }
      const isRelative = spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');
      if (!isRelative && !path.isAbsolute(spec)) return; // a package: not ours to judge
      const target = repoPath(root, path.resolve(path.dirname(file), spec));
      if (!target) return;
      const problem = checkPaths(source, target);
      if (problem) context.report({ node: specNode, ...problem });
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      /** @param {any} node `import('…')` in a type position */
      TSImportType: (node) => check(node.source ?? node.argument),
      /** @param {any} node `import x = require('…')` */
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

/** The `setu` plugin; use as `plugins: { setu }` with `'setu/boundaries': 'error'`. */
const plugin = {
  meta: { name: 'setu', version: '0.1.0' },
  rules: { boundaries },
};

export default plugin;
