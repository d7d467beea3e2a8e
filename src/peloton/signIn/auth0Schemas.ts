/**
 * The shapes of Auth0's answers during the hosted login (PELOTON_API.md, "Tokens"; peloton-to-garmin
 * `PelotonAuthApiClient.cs`): the JSON error body of `/usernamepassword/login`, e.g.
 * `{"name":"ValidationError","code":"invalid_user_password","description":"Wrong email or password.","statusCode":400}`.
 * The token endpoint's answer is read by oauthToken.ts.
 */
import * as z from 'zod';

/** Auth0's error body of the credential POST; every field optional, `code` is what we branch on. */
export const auth0LoginErrorSchema = z.looseObject({
  name: z.string().optional(),
  code: z.string().optional(),
  description: z.string().optional(),
  statusCode: z.number().optional(),
});

/** The query of the final redirect to the web app's callback: `code` and `state`, or `error`. */
export const authorizationRedirectSchema = z.object({
  code: z.string().min(1).optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
