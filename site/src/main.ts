/** Participer — the reference site. A hash router: each kind of page is a module loaded on its first visit. */
import { failureView, notFoundView, render, renderAccount, type Params, type View } from './shell';
import { session } from './session';

type Handler = (params: Params) => Promise<View> | View;

/** Path pattern → the view, from a module loaded on first use (Vite makes each module its own chunk). */
const ROUTES: [RegExp, () => Promise<Handler>][] = [
  [/^\/?$/, () => import('./views/editorial').then((m) => m.homeView)],
  [/^\/consultations$/, () => import('./views/consultations').then((m) => m.consultationsView)],
  [/^\/c\/([a-z0-9-]+)$/, () => import('./views/consultations').then((m) => m.consultationView)],
  [/^\/c\/([a-z0-9-]+)\/registre$/, () => import('./views/procedures').then((m) => m.registerView)],
  [/^\/verifier-registre$/, () => import('./views/procedures').then((m) => m.verifyRegisterView)],
  [/^\/contributions\/([a-z0-9]+)$/, () => import('./views/contributions').then((m) => m.contributionView)],
  [/^\/connexion$/, () => import('./views/account').then((m) => m.signInView)],
  [/^\/inscription$/, () => import('./views/account').then((m) => m.registerView)],
  [/^\/mot-de-passe-oublie$/, () => import('./views/account').then((m) => m.forgotPasswordView)],
  [/^\/nouveau-mot-de-passe$/, () => import('./views/account').then((m) => m.resetPasswordView)],
  [/^\/compte$/, () => import('./views/account').then((m) => m.accountView)],
  [/^\/mes-contributions$/, () => import('./views/contributions').then((m) => m.myContributionsView)],
  [/^\/mes-contributions\/([a-z0-9]+)\/modifier$/, () => import('./views/contributions').then((m) => m.editContributionView)],
  [/^\/notifications$/, () => import('./views/account').then((m) => m.notificationsView)],
  [/^\/desabonnement$/, () => import('./views/account').then((m) => m.unsubscribeView)],
  [/^\/pages\/([a-z0-9-]+)$/, () => import('./views/editorial').then((m) => m.pageView)],
  [/^\/actualites$/, () => import('./views/editorial').then((m) => m.newsView)],
  [/^\/actualites\/([a-z0-9-]+)$/, () => import('./views/editorial').then((m) => m.articleView)],
  [/^\/plan-du-site$/, () => import('./views/editorial').then((m) => m.siteMapView)],
  [/^\/accessibilite$/, () => import('./views/accessibility').then((m) => m.statementView)],
  [/^\/schema-pluriannuel$/, () => import('./views/accessibility').then((m) => m.planView)],
  [/^\/petitions$/, () => import('./views/petitions').then((m) => m.petitionsView)],
  [/^\/p\/([a-z0-9-]+)$/, () => import('./views/petitions').then((m) => m.petitionView)],
  [/^\/deposer-petition$/, () => import('./views/petitions').then((m) => m.filePetitionView)],
  [/^\/budgets$/, () => import('./views/budgets').then((m) => m.budgetsView)],
  [/^\/b\/([a-z0-9-]+)$/, () => import('./views/budgets').then((m) => m.budgetView)],
  [/^\/projets\/([a-z0-9]+)$/, () => import('./views/budgets').then((m) => m.projectView)],
  [/^\/questionnaires$/, () => import('./views/questionnaires').then((m) => m.questionnairesView)],
  [/^\/q\/([a-z0-9-]+)$/, () => import('./views/questionnaires').then((m) => m.questionnaireView)],
  [/^\/reunions$/, () => import('./views/meetings').then((m) => m.meetingsView)],
  [/^\/reunions\/([a-z0-9-]+)$/, () => import('./views/meetings').then((m) => m.meetingView)],
  [/^\/lieu$/, () => import('./views/places').then((m) => m.placeSearchView)],
  [/^\/lieu\/([0-9][0-9AB][0-9]{0,7})$/, () => import('./views/places').then((m) => m.placeView)],
];

let current = 0;

async function route() {
  const [path = '/', search = ''] = location.hash.replace(/^#/, '').split('?');
  const params = (match: RegExpExecArray): Params => ({ path: match.slice(1), query: new URLSearchParams(search) });
  const run = ++current;
  let view: View;
  try {
    const found = ROUTES.map(([pattern, load]) => [pattern.exec(path), load] as const).find(([match]) => match);
    if (!found) view = notFoundView();
    else {
      const [match, load] = found;
      view = await (await load())(params(match!));
    }
  } catch (error) {
    view = failureView(error);
  }
  // A slower earlier navigation does not overwrite the view asked for since.
  if (run === current) render(view);
}

// The skip link moves focus to the content without changing the route.
document.querySelector('[data-skip]')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('contenu')?.focus();
});
window.addEventListener('hashchange', () => void route());
// A tab opened from another (or from a mail while the site is open) takes its session before the first view.
const refresh = () => {
  renderAccount();
  void route();
};
void session.ready(refresh).then(refresh);
