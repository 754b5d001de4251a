/** The visitor's session: the token users-permissions issued and the name to greet them with, for this tab only. */
const TOKEN = 'participer.jwt';
const NAME = 'participer.name';

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN);
  },
  get name(): string | null {
    return sessionStorage.getItem(NAME);
  },
  get signedIn(): boolean {
    return sessionStorage.getItem(TOKEN) !== null;
  },
  set(jwt: string, name: string) {
    sessionStorage.setItem(TOKEN, jwt);
    sessionStorage.setItem(NAME, name);
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(NAME);
  },
};
