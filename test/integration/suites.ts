/** The in-host suites, in the order they run (they share one extension host and its state). */
import { registerEverydaySuite } from './everyday.test';
import { registerExtensionSuite } from './extension.test';

export const suites: Array<() => void> = [registerExtensionSuite, registerEverydaySuite];
