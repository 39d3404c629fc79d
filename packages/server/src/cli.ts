#!/usr/bin/env node
// The `vaultcraft` command. Everything it does is in cli/run-cli.ts; this file only binds it
// to the process.
import { runCli } from './cli/run-cli.js';

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
