/** The in-host suites, in the order they run (they share one extension host and its state). */
import { registerEverydaySuite } from './everyday.test';
import { registerExtensionSuite } from './extension.test';
import { registerHistorySuite } from './history.test';
import { registerPasswordSignInSuite } from './passwordSignIn.test';
import { registerRealServiceSuite } from './realService.test';
import { registerTrustSuite } from './trust.test';

export const suites: Array<() => void> = [registerExtensionSuite, registerPasswordSignInSuite, registerHistorySuite, registerRealServiceSuite, registerEverydaySuite, registerTrustSuite];
