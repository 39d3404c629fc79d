// Writes docs/errors.md from the error registry, so the reference can never drift from the
// codes the engine raises. `pnpm docs:errors` regenerates it; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { renderErrorReference } from '../packages/core/src/errors/render-error-reference.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorReference());
