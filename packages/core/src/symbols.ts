/** Pass as `config.skipCSRFCheck` to turn the CSRF check off (only when the framework does its own). */
export const skipCSRFCheck: unique symbol = Symbol('latch.skip-csrf-check')
/** Pass as `config.raw` to get the internal result (cookies, redirect) instead of a Response. */
export const raw: unique symbol = Symbol('latch.return-type-raw')
/** Config / provider key for an injected fetch implementation. */
export const customFetch: unique symbol = Symbol('latch.custom-fetch')
