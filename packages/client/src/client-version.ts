/** Replaced by the package's version at build time (tsup.config.ts) and in tests (vitest.config.ts). */
declare const __VAULTCRAFT_CLIENT_VERSION__: string;

/** The version of `@vaultcraft/client`, sent in `User-Agent`. */
export const clientVersion: string = __VAULTCRAFT_CLIENT_VERSION__;
