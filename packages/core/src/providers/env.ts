/** `@latch/core/providers/env`: the environment fill that `applyEnv` applies to each provider. */
export { envKey, withProviderEnv } from '../env.js'
