/**
 * Turns off zod's JIT for the page. zod probes `new Function` when an object schema is built, which
 * the page's CSP (no 'unsafe-eval') refuses and reports as a violation. Imported by main.ts before
 * anything that builds a schema (the protocol), so the setting is in place in time.
 */
import { config } from 'zod/mini';

config({ jitless: true });
