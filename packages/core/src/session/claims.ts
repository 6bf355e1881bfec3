/** The JWT claim holding when the session's sign-in happened (seconds since epoch; see signed-in.ts). */
export const AUTH_TIME_CLAIM = 'auth_time'

/** With config.twoFactor: whether the user had confirmed two-factor sign-in when the JWT was issued (two-factor/). */
export const TWO_FACTOR_CLAIM = 'tfa'
