// Server actions: signIn/signOut set the cookies and call redirect(). redirect() throws NEXT_REDIRECT,
// so never wrap them in a try/catch that swallows it; re-throw anything you do not handle.
import { redirect } from 'next/navigation'
import { AuthError } from '@latch/next'
import { signIn, signOut } from '../auth'

export function SignInButton({ provider, label, redirectTo }: { provider?: string; label: string; redirectTo?: string }) {
  return (
    <form
      action={async () => {
        'use server'
        await signIn(provider, { redirectTo })
      }}
    >
      <button type="submit">{label}</button>
    </form>
  )
}

export function SignOutButton() {
  return (
    <form
      action={async () => {
        'use server'
        await signOut({ redirectTo: '/' })
      }}
    >
      <button type="submit" data-testid="sign-out">
        Sign out
      </button>
    </form>
  )
}

/** The credentials form posting FormData to the signIn server action. */
export function CredentialsForm({ redirectTo }: { redirectTo: string }) {
  return (
    <form
      className="stack"
      action={async (formData: FormData) => {
        'use server'
        try {
          await signIn('credentials', formData)
        } catch (error) {
          // A refused sign-in throws an AuthError, as with Auth.js; NEXT_REDIRECT (success) must be re-thrown.
          if (error instanceof AuthError) redirect(`/api/auth/signin?error=${encodeURIComponent(error.type)}`)
          throw error
        }
      }}
    >
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label>
        Username <input name="username" defaultValue="alice" />
      </label>
      <label>
        Password <input name="password" type="password" placeholder="wonderland" />
      </label>
      <button type="submit">Sign in with a server action</button>
    </form>
  )
}
