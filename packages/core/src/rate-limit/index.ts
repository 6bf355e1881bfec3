export type { RateLimitConfig, RateLimitHit, RateLimitRule, RateLimitStore } from './types.js'
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory.js'
export { ipKey, canonicalIp } from './ip.js'
export { DEFAULT_IDENTIFIER_RULE, DEFAULT_IP_RULE, identifierKey } from './limit.js'
