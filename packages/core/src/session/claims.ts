/** The JWT claim holding when the session's sign-in happened (seconds since epoch; see signed-in.ts). */
export const AUTH_TIME_CLAIM = 'auth_time'
