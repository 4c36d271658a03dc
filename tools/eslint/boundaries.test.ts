import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The plugin is plain JS with JSDoc and tsconfig does not allowJs: a computed specifier keeps tsc from asking for a
// declaration file, and the one line below states the shape the test relies on.
const plugin = (await import(new URL('./boundaries.js', import.meta.url).href)) as { default: { rules: { boundaries: Rule.RuleModule } } };
const rule = plugin.default.rules.boundaries;

// The repository may live anywhere: cases name files under a made-up root and pass it as the rule's option,
// and one group runs under a second root to show nothing depends on where the checkout is.
const ROOT = '/somewhere/setu';
const options = [{ root: ROOT }];
const at = (file: string) => `${ROOT}/${file}`;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' },
});

type Case = { code: string; filename: string; options?: unknown[] };
type Invalid = Case & { errors: { messageId: string; data?: Record<string, string> }[] };
const ok = (filename: string, code: string): Case => ({ code, filename: at(filename), options });
const bad = (filename: string, code: string, ...errors: Invalid['errors']): Invalid => ({ code, filename: at(filename), options, errors });
const featureIndex = (a: string, b: string, side = 'features') => ({ messageId: 'featureIndex', data: { a, b, side } });

describe('setu/boundaries', () => {
  tester.run('1. features use each other only through index.ts', rule, {
    valid: [
      ok('src/server/features/auth/otp.service.ts', "import { loginCandidate } from '../people/index.ts';"),
      ok('src/server/features/auth/otp.service.ts', "import { hit } from './rate-limit.ts';"),
      ok('src/server/features/auth/senders/http-sender.ts', "import type { OtpSender } from './sender.ts';"),
      ok('src/server/features/auth/senders/http-sender.ts', "import { loadTurf } from '../../org/index.ts';"),
      ok('src/server/features/auth/index.ts', "export { loadTurf } from '../org/index.ts';"),
      ok('src/server/features/auth/auth.routes.ts', "const org = await import('../org/index.ts');"),
      ok('src/server/features/org/demo/build.ts', "import { assignPosition } from '../positions.ts';"),
      ok('src/server/features/auth/x.ts', "import { AppError } from '../../platform/http/errors.ts';"),
      ok('src/server/features/auth/x.ts', "import { z } from 'zod';"),
      // Absolute specifiers are resolved like relative ones.
      ok('src/server/features/auth/x.ts', `import { loadTurf } from '${ROOT}/src/server/features/org/index.ts';`),
      // A path that wanders out and back into its own feature is still its own feature.
      ok('src/server/features/auth/x.ts', "import { hit } from '../auth/rate-limit.ts';"),
      // Outside a feature the rule does not apply: the composition root wires features together.
      ok('src/server/main.ts', "import { unitRoutes } from './features/org/index.ts';"),
    ],
    invalid: [
      bad('src/server/features/auth/x.ts', "import { loadTurf } from '../org/turf.ts';", featureIndex('auth', 'org')),
      bad('src/server/features/auth/senders/x.ts', "import type { Schema } from '../../people/people.repo.ts';", featureIndex('auth', 'people')),
      bad('src/server/features/auth/x.ts', "export { loadTurf } from '../org/turf.ts';", featureIndex('auth', 'org')),
      bad('src/server/features/auth/x.ts', "export * from '../org/config.ts';", featureIndex('auth', 'org')),
      bad('src/server/features/auth/x.ts', "const m = await import('../org/turf.ts');", featureIndex('auth', 'org')),
      bad('src/server/features/auth/x.ts', 'const m = await import(`../org/turf.ts`);', featureIndex('auth', 'org')),
      bad('src/server/features/auth/x.ts', "type T = typeof import('../org/turf.ts');", featureIndex('auth', 'org')),
      // Not the index: a directory, an index in a subfolder, an index with another extension.
      bad('src/server/features/auth/x.ts', "import { loadTurf } from '../org';", featureIndex('auth', 'org')),
      bad('src/server/features/auth/x.ts', "import { build } from '../org/demo/index.ts';", featureIndex('auth', 'org')),
      bad('src/server/features/auth/x.ts', "import { loadTurf } from '../org/index.js';", featureIndex('auth', 'org')),
      bad('src/server/features/auth/x.ts', `import { loadTurf } from '${ROOT}/src/server/features/org/turf.ts';`, featureIndex('auth', 'org')),
      bad('src/server/features/org/demo/build.ts', "import { insertPerson } from '../../people/people.repo.ts';", featureIndex('org', 'people')),
    ],
  });

  tester.run('2. platform depends on no feature', rule, {
    valid: [
      ok('src/server/platform/http/app.ts', "import { AppError } from './errors.ts';"),
      ok('src/server/platform/http/openapi.ts', "import { ErrorBody } from '../../../contracts/errors.ts';"),
      ok('src/server/platform/db/index.ts', "import { Kysely } from 'kysely';"),
    ],
    invalid: [
      bad('src/server/platform/http/app.ts', "import { recordAudit } from '../../features/audit/index.ts';", { messageId: 'platformFeature' }),
      bad('src/server/platform/db/x.ts', "import type { OrgDeps } from '../../features/org/units.service.ts';", { messageId: 'platformFeature' }),
      bad('src/server/platform/x.ts', "export { authRoutes } from '../features/auth/index.ts';", { messageId: 'platformFeature' }),
      bad('src/server/platform/x.ts', "const m = await import('../features/org/index.ts');", { messageId: 'platformFeature' }),
    ],
  });

  const contractsLayer = (what: string) => ({ messageId: 'contractsLayer', data: { what } });
  tester.run('3. contracts do no I/O and know no layer', rule, {
    valid: [
      ok('src/contracts/auth.ts', "import { z } from 'zod';"),
      ok('src/contracts/auth.ts', "import { Phone } from './phone.ts';"),
      ok('src/contracts/org/units.ts', "import { ErrorBody } from '../errors.ts';"),
      ok('src/contracts/phone.ts', "import { parsePhoneNumberFromString } from 'libphonenumber-js';"),
    ],
    invalid: [
      bad('src/contracts/auth.ts', "import { AppError } from '../server/platform/http/errors.ts';", contractsLayer('src/server')),
      bad('src/contracts/auth.ts', "import { runCommand } from '../cli/args.ts';", contractsLayer('src/cli')),
      bad('src/contracts/auth.ts', "import { Button } from '../web/ui/button.tsx';", contractsLayer('src/web')),
      bad('src/contracts/org/units.ts', "export type { Unit } from '../../server/features/org/index.ts';", contractsLayer('src/server')),
      bad('src/contracts/auth.ts', "import { randomBytes } from 'node:crypto';", { messageId: 'contractsBuiltin', data: { what: 'node:crypto' } }),
      bad('src/contracts/auth.ts', "import { readFileSync } from 'fs';", { messageId: 'contractsBuiltin', data: { what: 'fs' } }),
      bad('src/contracts/auth.ts', "const fs = await import('node:fs/promises');", { messageId: 'contractsBuiltin', data: { what: 'node:fs/promises' } }),
    ],
  });

  tester.run('4. web/ui imports no feature; web features meet through their index', rule, {
    valid: [
      ok('src/web/ui/button.tsx', "import { cx } from '../lib/cx.ts';"),
      ok('src/web/ui/form/field.tsx', "import { Button } from '../button.tsx';"),
      ok('src/web/features/directives/list.tsx', "import { UnitPicker } from '../org/index.ts';"),
      ok('src/web/features/directives/list.tsx', "import { UnitPicker } from '../org/index.tsx';"),
      ok('src/web/features/directives/list.tsx', "import { Button } from '../../ui/button.tsx';"),
      ok('src/web/features/directives/list.tsx', "import { row } from './row.tsx';"),
      ok('src/web/app.tsx', "import { DirectivesPage } from './features/directives/page.tsx';"),
    ],
    invalid: [
      bad('src/web/ui/unit-badge.tsx', "import { UnitPicker } from '../features/org/index.ts';", { messageId: 'webUiFeature' }),
      bad('src/web/ui/form/field.tsx', "import { x } from '../../features/org/picker.tsx';", { messageId: 'webUiFeature' }),
      bad('src/web/features/directives/list.tsx', "import { UnitPicker } from '../org/picker.tsx';", featureIndex('directives', 'org', 'web/features')),
      bad('src/web/features/directives/x/list.tsx', "export { UnitPicker } from '../../org/picker.tsx';", featureIndex('directives', 'org', 'web/features')),
    ],
  });

  const testingOnly = { messageId: 'testingOnly' };
  tester.run('5. test support only in tests, itself and bench/', rule, {
    valid: [
      ok('src/server/features/org/units.test.ts', "import { createTestSetu } from '../../testing/setu.ts';"),
      ok('src/server/platform/db/migrate.test.ts', "import { testDatabase } from '../../testing/database.ts';"),
      ok('src/server/testing/factories.ts', "import { TEST_SECRET } from './setu.ts';"),
      ok('src/server/testing/factories.ts', "import { insertPerson } from '../features/people/index.ts';"),
      ok('bench/fanout.ts', "import { buildSampleTree } from '../src/server/testing/factories.ts';"),
      ok('bench/lib/setup.ts', "import { testDatabase } from '../../src/server/testing/database.ts';"),
      ok('e2e/login.test.ts', "import { createTestSetu } from '../src/server/testing/setu.ts';"),
      ok('src/web/features/org/picker.test.tsx', "import { x } from '../../../server/testing/setu.ts';"),
    ],
    invalid: [
      bad('src/server/features/org/units.service.ts', "import { addUnit } from '../../testing/factories.ts';", testingOnly),
      bad('src/server/main.ts', "import { TEST_SECRET } from './testing/setu.ts';", testingOnly),
      bad('src/cli/commands/demo.ts', "const t = await import('../../server/testing/factories.ts');", testingOnly),
      bad('src/server/features/org/units.testing.ts', "import { x } from '../../testing/setu.ts';", testingOnly),
      bad('tools/seed.ts', "export { buildSampleTree } from '../src/server/testing/factories.ts';", testingOnly),
    ],
  });

  // Same layout under another root, with relative file names resolved against it: only the layout matters.
  tester.run('paths are judged relative to the repository root, wherever it is', rule, {
    valid: [
      { code: "import { loadTurf } from '../org/turf.ts';", filename: '/elsewhere/src/server/features/auth/x.ts', options },
      { code: "import { loadTurf } from '../org/index.ts';", filename: '/ci/build/1/src/server/features/auth/x.ts', options: [{ root: '/ci/build/1' }] },
      // Without the option the root is the directory ESLint runs in, and relative file names resolve against it.
      { code: "import { loadTurf } from '../org/index.ts';", filename: 'src/server/features/auth/x.ts' },
      // The import escapes the repository: nothing to judge.
      { code: "import { x } from '../../../../../../other/src/server/features/org/turf.ts';", filename: at('src/server/features/auth/x.ts'), options },
    ],
    invalid: [
      { code: "import { loadTurf } from '../org/turf.ts';", filename: 'src/server/features/auth/x.ts', errors: [featureIndex('auth', 'org')] },
      {
        code: "import { loadTurf } from '../org/turf.ts';",
        filename: '/ci/build/1/src/server/features/auth/x.ts',
        options: [{ root: '/ci/build/1' }],
        errors: [featureIndex('auth', 'org')],
      },
      {
        code: "import { loadTurf } from '../org/turf.ts';",
        filename: '/ci/build/1/src/server/features/auth/x.ts',
        options: [{ root: '/ci/build/1/' }],
        errors: [featureIndex('auth', 'org')],
      },
    ],
  });
});
