/** The JWT claim holding when the session's sign-in happened (seconds since epoch; see signed-in.ts). */
export const AUTH_TIME_CLAIM = 'auth_time'

/** The claim carrying the user's session version in a JWT (version.ts: "sign out everywhere"). */
export const SESSION_VERSION_CLAIM = 'sv'

/** With config.twoFactor: whether the user had confirmed two-factor sign-in when the JWT was issued (two-factor/). */
export const TWO_FACTOR_CLAIM = 'tfa'
