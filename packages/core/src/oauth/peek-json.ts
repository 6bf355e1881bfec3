/**
 * The JSON body of a response, read from a clone so oauth4webapi can still consume the original;
 * undefined when it is not JSON. No oauth4webapi import here: oauth/entra.ts (loaded with the Entra
 * provider factory) uses it too.
 */
export function peekJson(response: Response): Promise<unknown> {
  return response
    .clone()
    .json()
    .catch(() => undefined)
}
