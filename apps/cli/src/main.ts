/** The `shuzhi` command line: one program (program.ts), one file per verb under commands/. */
import { runShuzhi } from './program.js';

await runShuzhi(process.argv);
