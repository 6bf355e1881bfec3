/** Human messages for each `?error=` code. Unknown codes get the default; the code itself is never echoed raw. */
const SIGNIN: Record<string, string> = {
  OAuthSignin: 'Could not start signing in with that provider. Try again.',
  OAuthCallbackError: 'The provider did not complete the sign-in. Try again.',
  OAuthAccountNotLinked: 'This email is already used with another sign-in method. Sign in the way you did before.',
  EmailSignin: 'The sign-in email could not be sent.',
  EmailNotVerified: 'Verify your email address first: we sent you a new link.',
  PasswordPolicy: 'That password cannot be used. Choose another.',
  CredentialsSignin: 'Sign in failed. Check the details you provided are correct.',
  InvalidCheck: 'The sign-in attempt expired or was tampered with. Start again.',
  MissingCSRF: 'The form expired. Please try again.',
  RateLimited: 'Too many attempts. Wait a moment and try again.',
  SessionRequired: 'Please sign in to access this page.',
  SessionNotFresh: 'For your security, sign in again to continue.',
  AccessDenied: 'You do not have permission to sign in.',
  TwoFactorPendingInvalid: 'The sign-in expired. Sign in again.',
}

const ERROR: Record<string, { title: string; message: string }> = {
  Configuration: { title: 'Server error', message: 'There is a problem with the server configuration. Check the server logs for more information.' },
  AccessDenied: { title: 'Access denied', message: 'You do not have permission to sign in.' },
  Verification: { title: 'Link no longer valid', message: 'This link is no longer valid. It may have been used already or it may have expired. Ask for a new one.' },
  InvalidProvider: { title: 'Unknown provider', message: 'That sign-in method is not available.' },
  OAuthProviderUnavailable: { title: 'Provider unavailable', message: 'The sign-in provider did not answer in time. Try again later.' },
  StoreUnavailable: { title: 'Service unavailable', message: 'Sign-in is briefly unavailable. Try again in a few seconds.' },
}

export function signinMessage(code: string | undefined): string | undefined {
  if (!code) return undefined
  return SIGNIN[code] ?? 'Unable to sign in.'
}

export function errorMessage(code: string | undefined): { title: string; message: string } {
  return (code && ERROR[code]) || { title: 'Error', message: 'Something went wrong while signing in. Please try again.' }
}
