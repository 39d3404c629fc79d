#!/usr/bin/env node
// The `vaultcraft` command. Everything it does is in cli/run-cli.ts; this file only binds it
// to the process.
import { runCli } from './cli/run-cli.js';

// `vaultcraft openapi | head` closes the pipe early: that reader has what it wanted, which is
// no reason for an unhandled 'error' event and its stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
