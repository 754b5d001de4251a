/**
 * Strapi's design system names some controls in English whatever the panel's language (« Close modal » on every
 * dialog's close button, « Clear » on every field that can be emptied, « Choose date » on date pickers), and the
 * Content Manager does not pass French ones. A screen reader would read them to staff: they are put in French as
 * they appear, attributes and hidden texts alike.
 */
const FRENCH: Record<string, string> = {
  'Close modal': 'Fermer la fenêtre',
  Clear: 'Effacer',
  'Choose date': 'Choisir une date',
  'Choose time': 'Choisir une heure',
  Month: 'Mois',
  Year: 'Année',
  'Loading content...': 'Chargement…',
};
const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];

function translate(root: Node) {
  if (root instanceof Element) {
    for (const element of [root, ...Array.from(root.querySelectorAll(ATTRIBUTES.map((a) => `[${a}]`).join(',')))]) {
      for (const attribute of ATTRIBUTES) {
        const value = element.getAttribute(attribute);
        if (value && FRENCH[value]) element.setAttribute(attribute, FRENCH[value]);
      }
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.currentNode; node; node = walker.nextNode() as Node) {
    if (node.nodeType === Node.TEXT_NODE && node.nodeValue && FRENCH[node.nodeValue]) node.nodeValue = FRENCH[node.nodeValue];
  }
}

export function frenchDesignSystemLabels() {
  translate(document.body);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'attributes' || mutation.type === 'characterData') translate(mutation.target);
      else mutation.addedNodes.forEach((node) => translate(node));
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
}
