/**
 * The accessibility statement and the multi-year plan, following the RGAA 4.1 models (article 47 of law 2005-102,
 * decree 2019-768). What they say of the tests is what the browser tests of this repository do.
 */
import { editorial } from '../api/strapi';
import { el, type Child } from '../dom';
import type { View } from '../shell';

const STATEMENT_DATE = '6 décembre 2026';
const section = (id: string, title: string, ...children: Child[]) => el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...children);
const list = (items: Child[]) =>
  el(
    'ul',
    {},
    items.map((i) => el('li', {}, i))
  );

async function contact() {
  const settings = await editorial.settings();
  return list([
    settings?.contactEmail
      ? ['Par courrier électronique : ', el('a', { href: `mailto:${settings.contactEmail}` }, settings.contactEmail)]
      : 'Par courrier électronique, à l’adresse de contact indiquée dans les mentions légales',
    settings?.contactAddress
      ? `Par voie postale : ${settings.contactAddress}`
      : 'Par voie postale : Département de Loire-Atlantique, service de la participation citoyenne, 3 quai Ceineray, CS 94109, 44041 Nantes Cedex 1',
  ]);
}

export async function statementView(): Promise<View> {
  return {
    title: 'Déclaration d’accessibilité',
    content: [
      el('h1', {}, 'Déclaration d’accessibilité'),
      el(
        'p',
        {},
        'Le Département de Loire-Atlantique s’engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.'
      ),
      el(
        'p',
        {},
        'À cette fin, il met en œuvre la stratégie et les actions suivantes : ',
        el('a', { href: '#/schema-pluriannuel' }, 'schéma pluriannuel de mise en accessibilité 2027-2029 et plan d’action 2027'),
        '.'
      ),
      el(
        'p',
        {},
        'Cette déclaration d’accessibilité s’applique au site « Participer — Loire-Atlantique » (consultations, budgets participatifs, pétitions), site de référence de la plateforme Participer.'
      ),
      section(
        'etat',
        'État de conformité',
        el(
          'p',
          {},
          'Le site « Participer — Loire-Atlantique » est ',
          el('strong', {}, 'non conforme'),
          ' avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2 : il n’a pas encore fait l’objet de l’audit de conformité par un tiers que demande la méthode du RGAA. Cet audit est prévu au premier semestre 2027 (voir le plan d’action).'
        ),
        el(
          'p',
          {},
          'En attendant, chaque version du site est vérifiée par les tests décrits ci-dessous, et aucune non-conformité n’est connue sur les pages et les états testés.'
        )
      ),
      section(
        'tests',
        'Résultats des tests',
        el('p', {}, 'Vérifications menées par l’équipe de développement à chaque modification du site (tests automatisés en navigateur) :'),
        list([
          'analyse automatique axe-core des règles WCAG 2.1 niveaux A et AA : 0 erreur sur chaque page et chaque état testé (liste vide, erreurs de formulaire, personne connectée ou non) ;',
          'parcours réalisé au clavier seul : lien d’évitement, ouvrir une consultation, afficher plus de contributions, se connecter, soutenir une contribution, ouvrir le formulaire de signalement ;',
          'affichage à 200 % de zoom et sur un écran de 375 pixels de large, vérifié par captures d’écran : pas de perte de contenu ni de défilement horizontal ;',
          'titre de page propre à chaque vue, focus placé sur le titre après chaque navigation, et sur le message de réponse après l’envoi d’un formulaire ;',
          'choix de la commune selon le modèle « combobox » d’ARIA 1.2 : suggestions annoncées, choix aux flèches et à la touche Entrée, la touche Entrée n’envoie pas le formulaire tant qu’aucune commune n’est choisie.',
        ]),
        el(
          'p',
          {},
          'Ces tests automatisés ne couvrent pas tous les critères du RGAA : la pertinence des textes alternatifs et des intitulés, la restitution par les lecteurs d’écran et les documents joints relèvent de l’audit à venir.'
        )
      ),
      section(
        'non-accessibles',
        'Contenus non accessibles',
        el('h3', {}, 'Non-conformités connues'),
        list([
          'Les documents joints aux consultations (PDF de présentation, délibérations) sont produits par différents services et peuvent ne pas être accessibles ; une version accessible est envoyée sur demande.',
        ]),
        el('h3', {}, 'Dérogations pour charge disproportionnée'),
        el('p', {}, 'Aucune.'),
        el('h3', {}, 'Contenus non soumis à l’obligation d’accessibilité'),
        el('p', {}, 'Les fichiers de données ouvertes (CSV) et les flux RSS, destinés à être lus par des logiciels.')
      ),
      section(
        'etablissement',
        'Établissement de cette déclaration',
        el('p', {}, `Cette déclaration a été établie le ${STATEMENT_DATE}.`),
        el('h3', {}, 'Technologies utilisées pour la réalisation du site'),
        list(['HTML5', 'CSS', 'JavaScript (TypeScript compilé)', 'WAI-ARIA']),
        el('h3', {}, 'Environnement de test'),
        list([
          'Navigateur Chromium (version de Debian 12), en mode sans interface, piloté par Playwright',
          'Largeurs d’écran de 1 440 et 375 pixels ; zoom du navigateur à 200 %',
        ]),
        el('h3', {}, 'Outils pour évaluer l’accessibilité'),
        list(['axe-core (Deque), règles WCAG 2.1 A et AA', 'Parcours au clavier automatisés', 'Inspection du code']),
        el('h3', {}, 'Pages du site ayant fait l’objet de la vérification'),
        list([
          'Accueil',
          'Liste et recherche des consultations',
          'Page d’une consultation',
          'Page d’une contribution et ses commentaires',
          'Connexion, création de compte, mot de passe oublié',
          'Mon compte, mes contributions',
          'Pages éditoriales et actualités',
          'Budgets participatifs',
          'Pétitions',
          'Page introuvable',
          'Déclaration d’accessibilité et schéma pluriannuel',
        ])
      ),
      section(
        'contact',
        'Retour d’information et contact',
        el(
          'p',
          {},
          'Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le Département pour être orienté·e vers une alternative accessible ou obtenir le contenu sous une autre forme.'
        ),
        await contact()
      ),
      section(
        'recours',
        'Voies de recours',
        el(
          'p',
          {},
          'Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service du site et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :'
        ),
        list([
          ['écrire un message au ', el('a', { href: 'https://formulaire.defenseurdesdroits.fr/' }, 'Défenseur des droits'), ' ;'],
          ['contacter ', el('a', { href: 'https://www.defenseurdesdroits.fr/saisir/delegues' }, 'le délégué du Défenseur des droits dans votre région'), ' ;'],
          'appeler le 09 69 39 00 00 ;',
          'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
        ])
      ),
    ],
  };
}

export function planView(): View {
  const year = (y: string, items: string[]) => [el('h3', {}, y), list(items)];
  return {
    title: 'Schéma pluriannuel de mise en accessibilité',
    content: [
      el('h1', {}, 'Schéma pluriannuel de mise en accessibilité 2027-2029'),
      el(
        'p',
        {},
        'Ce schéma, établi pour trois ans, décrit comment le Département de Loire-Atlantique rend accessible le site « Participer — Loire-Atlantique » et les services de participation qu’il propose. Il est accompagné d’un plan d’action annuel. Il est publié en application de l’article 47 de la loi n° 2005-102 du 11 février 2005 et du décret n° 2019-768 du 24 juillet 2019.'
      ),
      el(
        'section',
        { 'aria-labelledby': 'organisation' },
        el('h2', { id: 'organisation' }, 'Organisation'),
        list([
          'Un ou une référente accessibilité numérique au service de la participation citoyenne coordonne la démarche, suit le plan d’action et répond aux demandes des usagers.',
          'L’équipe de développement vérifie chaque version du site par des tests automatisés en navigateur (axe-core, parcours au clavier, zoom à 200 %, petit écran) ; une version qui échoue n’est pas mise en ligne.',
          'Les agents qui publient des contenus (pages, actualités, textes des consultations, documents joints) sont formés à la rédaction accessible.',
        ])
      ),
      el(
        'section',
        { 'aria-labelledby': 'ressources' },
        el('h2', { id: 'ressources' }, 'Ressources humaines et financières'),
        el(
          'p',
          {},
          'Le budget du projet de plateforme de participation comprend chaque année un audit de conformité par un tiers, la formation des contributeurs et la correction des non-conformités relevées.'
        )
      ),
      el(
        'section',
        { 'aria-labelledby': 'prise-en-compte' },
        el('h2', { id: 'prise-en-compte' }, 'Prise en compte de l’accessibilité'),
        list([
          'Toute nouvelle fonctionnalité du site est livrée avec ses tests d’accessibilité ;',
          'les consultations peuvent présenter un résumé « facile à lire et à comprendre » (FALC), affiché en tête de leur page ;',
          'les marchés et conventions liés au site comportent une clause d’accessibilité (RGAA 4.1) ;',
          'les personnes en situation de handicap sont associées aux tests utilisateurs.',
        ])
      ),
      el(
        'section',
        { 'aria-labelledby': 'plan-action' },
        el('h2', { id: 'plan-action' }, 'Plan d’action'),
        year('2027', [
          'Audit de conformité RGAA 4.1 complet par un prestataire indépendant, puis mise à jour de la déclaration d’accessibilité.',
          'Correction des non-conformités relevées, par ordre d’impact sur les parcours (contribuer, voter, signer).',
          'Tests avec des utilisatrices et utilisateurs de lecteurs d’écran (NVDA, VoiceOver) et de logiciels d’agrandissement.',
          'Formation des agents qui publient : textes alternatifs, titres, liens explicites, documents PDF accessibles.',
          'Résumé FALC pour chaque nouvelle consultation, relu par des personnes concernées.',
        ]),
        year('2028', [
          'Contre-audit après corrections ; objectif : « partiellement conforme » à plus de 75 % des critères, puis au-delà.',
          'Remplacement des documents joints non accessibles par des versions balisées ou des pages HTML.',
        ]),
        year('2029', ['Audit de suivi et déclaration de conformité mise à jour.', 'Bilan du schéma et préparation du schéma suivant.'])
      ),
      el('p', {}, el('a', { href: '#/accessibilite' }, 'Déclaration d’accessibilité')),
    ],
  };
}
