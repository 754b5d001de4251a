/**
 * The visitor's session: the token users-permissions issued and the name to greet them with.
 *
 * Where it is kept, and why:
 * - by default in this tab's sessionStorage, handed to the other tabs of the same site that ask for it (a link
 *   opened in a new tab, a link from a mail while the site is open) through a same-origin BroadcastChannel; it
 *   ends when the last tab closes, which is what a shared computer (a library, a town hall) needs;
 * - with « Rester connecté·e » ticked at sign-in, in localStorage, so that it survives the browser's restart.
 * The token never goes in a cookie the API would accept by itself (no cross-site request can use it) nor in the
 * address. The site's Content-Security-Policy admits only its own scripts; « Se déconnecter partout » (Mon
 * compte) revokes every token of the account on the server.
 */
const TOKEN = 'participer.jwt';
const NAME = 'participer.name';
const CHANNEL = 'participer.session';

type Message = { type: 'ask' } | { type: 'give'; jwt: string; name: string } | { type: 'clear' };

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
const stored = (key: string) => sessionStorage.getItem(key) ?? localStorage.getItem(key);

function forget() {
  for (const store of [sessionStorage, localStorage]) {
    store.removeItem(TOKEN);
    store.removeItem(NAME);
  }
}

let onChange: () => void = () => undefined;

channel?.addEventListener('message', (event: MessageEvent<Message>) => {
  const message = event.data;
  if (message.type === 'ask') {
    const jwt = sessionStorage.getItem(TOKEN);
    if (jwt) channel.postMessage({ type: 'give', jwt, name: sessionStorage.getItem(NAME) ?? '' } satisfies Message);
  } else if (message.type === 'give' && !stored(TOKEN)) {
    sessionStorage.setItem(TOKEN, message.jwt);
    sessionStorage.setItem(NAME, message.name);
    onChange();
  } else if (message.type === 'clear') {
    forget();
    onChange();
  }
});

export const session = {
  get token(): string | null {
    return stored(TOKEN);
  },
  get name(): string | null {
    return stored(NAME);
  },
  get signedIn(): boolean {
    return stored(TOKEN) !== null;
  },
  set(jwt: string, name: string, remember = false) {
    forget();
    const store = remember ? localStorage : sessionStorage;
    store.setItem(TOKEN, jwt);
    store.setItem(NAME, name);
  },
  /** Signs out here and in every other tab of the site. */
  clear() {
    forget();
    channel?.postMessage({ type: 'clear' } satisfies Message);
  },
  /**
   * A new tab without a session asks the others for theirs; resolves once one answered or after a short wait
   * (nobody signed in, or no other tab open). `changed` runs when another tab signs in or out later.
   */
  async ready(changed: () => void): Promise<void> {
    if (stored(TOKEN) || !channel) {
      onChange = changed;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        channel.removeEventListener('message', answered);
        resolve();
      };
      const answered = (event: MessageEvent<Message>) => event.data.type === 'give' && done();
      const timer = setTimeout(done, 200);
      channel.addEventListener('message', answered);
      channel.postMessage({ type: 'ask' } satisfies Message);
    });
    onChange = changed;
  },
};
