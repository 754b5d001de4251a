import * as z from 'zod/v4';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
/** Erasing an account is irreversible: the password is asked again. */
export const eraseBody = z.strictObject({ password: z.string().min(1, { error: 'Indiquez votre mot de passe.' }).max(200) });
