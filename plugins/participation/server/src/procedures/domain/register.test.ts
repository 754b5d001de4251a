import { textHashOf, entryHashOf, genesisHash, verifyRegister, type ExportedEntry } from './register';

function chain(consultation: string, texts: { title: string; body: string }[]): ExportedEntry[] {
  let previousHash = genesisHash(consultation);
  return texts.map((text, i) => {
    const fields = {
      previousHash,
      number: i + 1,
      receivedAt: `2027-02-0${i + 1}T10:00:00.000Z`,
      channel: 'web',
      textHash: textHashOf({ ...text, territoryCode: null }),
    };
    const entryHash = entryHashOf(fields);
    previousHash = entryHash;
    return { ...fields, entryHash, ...text, territoryCode: null };
  });
}

describe('a register', () => {
  const entries = chain('doc1', [
    { title: 'Piste cyclable', body: 'Prévoir une piste le long de la RD 723.' },
    { title: 'Bruit', body: 'Un mur anti-bruit près des maisons.' },
    { title: 'Arbres', body: 'Garder la haie.' },
  ]);

  it('unaltered verifies, and its head is the last hash', async () => {
    expect(await verifyRegister('doc1', entries, entries[2].entryHash)).toEqual({ ok: true, count: 3, head: entries[2].entryHash });
  });
  it('with an entry withheld (no text) still verifies', async () => {
    const withheld = entries.map((e, i) => (i === 1 ? { ...e, title: null, body: null } : e));
    expect((await verifyRegister('doc1', withheld)).ok).toBe(true);
  });
  it('with a text changed is detected at that entry', async () => {
    const tampered = entries.map((e, i) => (i === 1 ? { ...e, body: 'Rien à signaler.' } : e));
    expect(await verifyRegister('doc1', tampered)).toMatchObject({ ok: false, number: 2 });
  });
  it('with an entry removed is detected', async () => {
    expect(await verifyRegister('doc1', [entries[0], entries[2]])).toMatchObject({ ok: false, number: 3 });
  });
  it('with the last entry removed is detected against the published head', async () => {
    expect(await verifyRegister('doc1', entries.slice(0, 2), entries[2].entryHash)).toMatchObject({ ok: false });
  });
  it('with a date changed and its hash recomputed is detected at the next entry', async () => {
    const moved = { ...entries[0], receivedAt: '2027-01-01T10:00:00.000Z' };
    const rehashed = { ...moved, entryHash: entryHashOf(moved) };
    expect(await verifyRegister('doc1', [rehashed, entries[1], entries[2]])).toMatchObject({ ok: false, number: 2 });
  });
  it('of another consultation does not verify', async () => expect((await verifyRegister('doc2', entries)).ok).toBe(false));
});
