// Gives the sources under test the version the build inlines (tsup.config.ts `define`): the
// tests run src/, where `__VAULTCRAFT_CLIENT_VERSION__` is a global read at import time.
import packageJson from '../package.json' with { type: 'json' };

(globalThis as Record<string, unknown>).__VAULTCRAFT_CLIENT_VERSION__ = packageJson.version;
