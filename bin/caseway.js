#!/usr/bin/env node
// The `caseway` command: runs the TypeScript sources through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/server/cli.ts');
const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
