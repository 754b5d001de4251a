/** The admin user behind a request, as recorded in histories: id (never public) and display name. */
export const adminActor = (ctx: any) => {
  const user = ctx.state.user;
  return { type: 'admin' as const, id: user.id as number, name: [user.firstname, user.lastname].filter(Boolean).join(' ') || (user.email as string) };
};
