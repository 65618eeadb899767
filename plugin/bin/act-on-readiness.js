#!/usr/bin/env node
// act-on-readiness: the same command line as `npm run score --` in the repository, for people without sf.
import { score } from '../src/readiness.js';

score.runAsProcess(process.argv.slice(2));
