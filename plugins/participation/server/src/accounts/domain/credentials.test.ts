import { displayNameProblem, passwordEntropy, passwordProblem } from './credentials';

describe('passwords (CNIL 2022-100: 80 bits)', () => {
  it.each([
    ['Tr0ub4dor&3x', true],
    ['MotDePasse2026!', true],
    ['Bonjour2026Nantes', true],
    ['le chat mange la souris dans la cuisine', true],
    ['password', false],
    ['Password1', false],
    ['motdepasse', false],
    ['azertyuiop', false],
    ['aaaaaaaaaaaaaaaaaaaaaaaa', false],
    ['Abcdefgh12', false],
    ['abcdefghijklmn', false],
  ])('%s → accepted %s', (password, accepted) => {
    expect(passwordProblem(password, { username: 'camille', email: 'camille@exemple.test' }) === null).toBe(accepted);
  });

  it('refuses a password that contains the name or the e-mail', () => {
    expect(passwordProblem('Camille2026!Nantes', { username: 'camille' })).toMatch(/pseudonyme/);
    expect(passwordProblem('Xdupont-2026!Nantes', { email: 'xdupont@exemple.test' })).toMatch(/adresse e-mail/);
  });

  it('estimates entropy as the CNIL does', () => {
    expect(Math.round(passwordEntropy('Aa1!Aa1!Aa1!'))).toBe(80);
    expect(passwordEntropy('AAbb11223344cc')).toBeGreaterThan(80);
  });
});

describe('display names', () => {
  it.each(['Participant·e supprimé·e', 'participant-e supprime-e', 'CONTRIBUTION REÇUE PAR COURRIER', 'Modératrice Loire', 'Anonyme', 'admin', '---'])(
    'refuses %s',
    (name) => {
      expect(displayNameProblem(name)).not.toBeNull();
    }
  );
  it.each(['camille', 'Jean-Pierre 44', 'Maëlle'])('accepts %s', (name) => {
    expect(displayNameProblem(name)).toBeNull();
  });
});
