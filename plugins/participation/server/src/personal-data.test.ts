import fs from 'fs';
import path from 'path';
import { erasureOrder, personalData } from './personal-data';

/** The attributes that hold a citizen's account id (staff ids, `actorId` and `assigneeId`, are staff's, not citizens'). */
const CITIZEN_ID_ATTRIBUTES = ['userId', 'authorId'];

describe('the personal-data registry', () => {
  it('declares every content type that holds a citizen’s id, and nothing else', () => {
    const dir = path.join(__dirname, 'content-types');
    const holding: string[] = [];
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name, 'schema.json');
      if (!fs.existsSync(file)) continue;
      const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { info: { singularName: string }; attributes: Record<string, unknown> };
      for (const attribute of CITIZEN_ID_ATTRIBUTES)
        if (attribute in schema.attributes) holding.push(`plugin::participation.${schema.info.singularName}.${attribute}`);
    }
    const declared = Object.values(personalData()).flatMap((p) => p.holds.map((h) => `${h.uid}.${h.attribute}`));
    expect(holding.length).toBeGreaterThan(10);
    expect([...declared].sort()).toEqual([...holding].sort());
  });

  it('erases the account last, after every capability’s rows', () => {
    expect(erasureOrder().at(-1)).toBe('account');
    expect([...erasureOrder()].sort()).toEqual(Object.keys(personalData()).sort());
  });
});
