/** The in-host suites, in the order they run (they share one extension host and its state). */
import { registerExtensionSuite } from './extension.test';
import { registerHistorySuite } from './history.test';

export const suites: Array<() => void> = [registerExtensionSuite, registerHistorySuite];
