#!/usr/bin/env node
// The `election` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

// A command runs where the user is; an INIT_CWD inherited from an npm run around it names another place.
delete process.env.INIT_CWD;
register();
await import('./main.ts');
