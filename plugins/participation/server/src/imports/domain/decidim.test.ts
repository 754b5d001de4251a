import { decidimDate, fitted, frenchText, parseComment, parseProposal, plainText, resourceOf, richText, spaceKeyOf } from './decidim';

describe('reading a Decidim open-data archive', () => {
  it('names each file by its resource', () => {
    expect(resourceOf('open-data/participer.loire-atlantique.fr-open-data-proposal_comments.csv')).toBe('proposal_comments');
    expect(resourceOf('lad-open-data-participatory_processes.csv')).toBe('participatory_processes');
    expect(resourceOf('README.txt')).toBeNull();
  });

  it('takes the French text, then its machine translation, the plain column, then any other language', () => {
    expect(frenchText({ 'title/en': 'Hello', 'title/fr': 'Bonjour' }, 'title')).toBe('Bonjour');
    expect(frenchText({ 'title/fr': ' ', 'title/machine_translations/fr': 'Bonjour (traduit)', 'title/en': 'Hello' }, 'title')).toBe('Bonjour (traduit)');
    expect(frenchText({ title: 'Titre simple' }, 'title')).toBe('Titre simple');
    expect(frenchText({ 'title/ca': 'Hola', 'title/en': 'Hello' }, 'title')).toBe('Hola');
    expect(frenchText({ 'title/machine_translations/es': 'Hola' }, 'title')).toBe('Hola');
    expect(frenchText({}, 'title')).toBe('');
  });

  it('reads dates as Ruby, ISO 8601 or a day in Paris writes them, and refuses the rest', () => {
    expect(decidimDate('2023-03-14 09:30:12 UTC')?.toISOString()).toBe('2023-03-14T09:30:12.000Z');
    expect(decidimDate('2023-03-14 10:30:12 +0100')?.toISOString()).toBe('2023-03-14T09:30:12.000Z');
    expect(decidimDate('2023-03-14T09:30:12.500Z')?.toISOString()).toBe('2023-03-14T09:30:12.500Z');
    expect(decidimDate('2023-07-01')?.toISOString()).toBe('2023-06-30T22:00:00.000Z');
    expect(decidimDate('2023-01-01')?.toISOString()).toBe('2022-12-31T23:00:00.000Z');
    expect(decidimDate('')).toBeNull();
    expect(decidimDate('14/03/2023')).toBeUndefined();
    expect(decidimDate('2023-02-30 10:00:00 UTC')).toBeUndefined();
  });

  it('keys a space by its address', () => {
    expect(spaceKeyOf('https://participer.loire-atlantique.fr/processes/budget-2023')).toBe('processes/budget-2023');
    expect(spaceKeyOf('https://x.org/assemblies/conseil/f/12/proposals/4')).toBe('assemblies/conseil');
    expect(spaceKeyOf('pas une adresse')).toBeNull();
  });

  it('turns HTML into plain text and into safe rich text', () => {
    expect(plainText('<p>Un &amp; deux</p><p>trois <a href="https://x.fr">lien</a></p>')).toBe('Un & deux\n\ntrois lien');
    expect(plainText('Texte simple\r\nsur deux lignes')).toBe('Texte simple\nsur deux lignes');
    const rich = richText(
      '<h3>Titre</h3><p><a href="javascript:alert(1)">piège</a> <a href="https://ok.fr">lien</a></p><script>alert(2)</script><img src=x onerror=alert(3)>'
    );
    expect(rich).toBe('### Titre\n\npiège [lien](https://ok.fr)');
  });

  it('shortens a long text at a word, marked', () => {
    expect(fitted('court', 10)).toEqual({ text: 'court', shortened: false });
    expect(fitted('un deux trois quatre cinq', 16)).toEqual({ text: 'un deux trois…', shortened: true });
  });

  it('reads a proposal of 0.27 (plain title, supports, endorsements) and one of 0.28 (translated, votes, likes)', () => {
    const old = parseProposal({
      id: '12',
      'participatory_space/url': 'https://x.org/processes/p',
      title: 'Ancienne',
      body: '<p>Corps</p>',
      state: 'rejected',
      'answer/fr': '<p>Non</p>',
      supports: '7',
      'endorsements/total_count': '2',
      comments: '0',
      published_at: '2019-05-01 10:00:00 UTC',
    });
    expect(old.ok && old.value).toMatchObject({
      title: 'Ancienne',
      body: 'Corps',
      answer: { status: 'not_retained', text: 'Non' },
      figures: { supports: 7, endorsements: 2, comments: 0 },
    });
    const recent = parseProposal({
      id: '13',
      'participatory_space/url': 'https://x.org/processes/p',
      'title/fr': 'Récente',
      votes: '',
      'likes/total_count': '4',
      withdrawn: 'true',
    });
    expect(recent.ok && recent.value).toMatchObject({
      title: 'Récente',
      body: 'Récente',
      withdrawn: true,
      answer: null,
      figures: { supports: null, endorsements: 4 },
    });
    const bad = parseProposal({ id: 'x', 'participatory_space/url': '', 'title/fr': '', votes: 'beaucoup' });
    expect(!bad.ok && bad.problems.map((p) => p.column)).toEqual(['id', 'participatory_space/url', 'title', 'votes']);
  });

  it('reads a comment on a proposal or answering a comment, and refuses one on anything else', () => {
    const reply = parseComment({
      id: '5',
      body: 'Oui',
      depth: '1',
      commentable_id: '4',
      commentable_type: 'Decidim::Comments::Comment',
      created_at: '2020-01-01 10:00:00 UTC',
    });
    expect(reply.ok && reply.value.on).toEqual({ kind: 'comment', externalId: '4' });
    const other = parseComment({ id: '6', body: 'Oui', depth: '0', commentable_id: '4', commentable_type: 'Decidim::Debates::Debate', created_at: '' });
    expect(!other.ok && other.problems.map((p) => p.column)).toEqual(['commentable_type']);
  });
});
