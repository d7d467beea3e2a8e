/** Time as Peloton counts it: Unix seconds, and the lifetime of its access tokens. */

/** Lifetime of a Peloton access token: 48 hours, in seconds (POST auth.onepeloton.com/oauth/token `expires_in`: 172800). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 48 * 60 * 60;

/** The current time in Unix seconds (whole seconds, rounded down), the unit of Peloton's timestamps and JWT claims. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
