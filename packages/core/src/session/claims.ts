/** The JWT claim holding when the session's sign-in happened (seconds since epoch; see signed-in.ts). */
export const AUTH_TIME_CLAIM = 'auth_time'

/** The claim carrying the user's session version in a JWT (version.ts: "sign out everywhere"). */
export const SESSION_VERSION_CLAIM = 'sv'

/**
 * Set (1) next to `sv` when the adapter knew the user at sign-in: if it later answers that no such user exists (the
 * account was deleted), the token is no session. Tokens of users the adapter never had (credentials returning ids of
 * the app's own store) carry neither claim and are unaffected.
 */
export const ADAPTER_USER_CLAIM = 'svu'

/** With config.twoFactor: whether the user had confirmed two-factor sign-in when the JWT was issued (two-factor/). */
export const TWO_FACTOR_CLAIM = 'tfa'
