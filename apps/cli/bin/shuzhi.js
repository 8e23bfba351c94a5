#!/usr/bin/env node
// The `shuzhi` command. Runs the TypeScript sources through tsx, so it works straight after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
