/** Who takes part: a citizen's account id and the name shown in public (never their e-mail). */
export type Citizen = { id: number; displayName: string };
