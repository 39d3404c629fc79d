import packageJson from '../package.json' with { type: 'json' };

/** The version of `@vaultcraft/server`, as published (bundled at build time). */
export const serverVersion: string = packageJson.version;
