/** The in-host suites, in the order they run (they share one extension host and its state). */
import { registerExtensionSuite } from './extension.test';
import { registerPasswordSignInSuite } from './passwordSignIn.test';

export const suites: Array<() => void> = [registerExtensionSuite, registerPasswordSignInSuite];
