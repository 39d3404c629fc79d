/** The version of `@vaultcraft/client`, sent in `User-Agent` (a test keeps it equal to package.json). */
export const clientVersion = '0.1.0';
