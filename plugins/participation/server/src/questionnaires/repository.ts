import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { keysetPages } from '../platform/database/keyset';
import { param, runPrepared } from '../platform/database/prepared';
import { fromJson, isTrue, rowsOf, toDate, type Db, type RawRow } from '../platform/database/rows';
import type { Answers, Definition } from '../../../shared/questionnaire';
import type { Audience, Channel, Item } from './domain/rules';

export type Questionnaire = {
  id: number;
  documentId: string;
  title: string;
  slug: string;
  description: string | null;
  definition: Definition;
  audience: Audience;
  editable: boolean;
  published: boolean;
  opensAt: Date;
  closesAt: Date;
  consultationDocumentId: string | null;
  publishedCharts: string[];
  receiptNote: string | null;
  updatedAt: Date;
};

export type QuestionnaireFields = Omit<Questionnaire, 'id' | 'documentId' | 'updatedAt'>;

export type StoredResponse = {
  id: number;
  respondentKey: string;
  channel: Channel;
  answers: Answers;
  submittedAt: Date | null;
  receipt: string;
  updatedAt: Date;
};

/** The columns every response shares, whichever way it came in. */
export type ResponseRow = {
  questionnaireId: number;
  respondentKey: string;
  userId: number | null;
  channel: Channel;
  answers: Answers;
  submittedAt: Date | null;
  receipt: string;
  ipHash: string | null;
  territoryCode: string | null;
  ageBand: string | null;
  paperPlace: string | null;
  paperDate: string | null;
  enteredBy: string | null;
};

/** A file joined to an answer, without its content. */
export type AnswerFile = { id: string; question: string; name: string; mime: string; bytes: number; ownerKey: string; responseId: number | null };

/** A new file's row: its content travels as base64 text (the database keeps it; it is never served but to staff). */
export type NewAnswerFile = Omit<AnswerFile, 'responseId'> & { questionnaireId: number; sha256: string; content: Buffer };

/** Filters of the results: channel, declared commune, declared age band. */
export type ResultFilter = { channel?: Channel; territory?: string; ageBand?: string };

export type CountRow = {
  question: string;
  choice: string | null;
  position: number | null;
  count: number;
  respondents: number;
  mean: number | null;
  min: number | null;
  max: number | null;
};

const QUESTIONNAIRE_ATTRS = [
  'id',
  'documentId',
  'title',
  'slug',
  'description',
  'definition',
  'audience',
  'editable',
  'published',
  'opensAt',
  'closesAt',
  'consultationDocumentId',
  'publishedCharts',
  'receiptNote',
  'updatedAt',
];

/** What replacing a response rewrites (its key, account, channel, questionnaire and receipt stay). */
const REPLACED = ['answers', 'submittedAt', 'ipHash', 'territoryCode', 'ageBand', 'paperPlace', 'paperDate', 'enteredBy', 'updatedAt'] as const;

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Typed records in and out of the questionnaire tables: the only place they are read or written. */
export function questionnairesRepository(strapi: Core.Strapi) {
  const questionnaires = rowsOf(strapi, 'plugin::participation.questionnaire');
  const responses = rowsOf(strapi, 'plugin::participation.questionnaire-response');
  const items = rowsOf(strapi, 'plugin::participation.questionnaire-item');
  const files = rowsOf(strapi, 'plugin::participation.questionnaire-file');
  const FILE_META = ['fileKey', 'question', 'name', 'mime', 'bytes', 'ownerKey', 'responseId'];
  const toFile = (row: RawRow): AnswerFile => ({
    id: String(row.fileKey),
    question: String(row.question),
    name: String(row.name),
    mime: String(row.mime),
    bytes: Number(row.bytes),
    ownerKey: String(row.ownerKey),
    responseId: numberOrNull(row.responseId),
  });
  const knex = () => strapi.db.connection;
  const r = (column: string) => `r.${responses.column(column)}`;

  // Every field written out, no spread of the row first: V8 builds such a literal many times slower (see meetings/repository.ts).
  const toQuestionnaire = (row: RawRow): Questionnaire => ({
    id: Number(row.id),
    documentId: String(row.documentId),
    title: String(row.title),
    slug: String(row.slug),
    audience: row.audience as Audience,
    description: (row.description as string | null) ?? null,
    definition: fromJson<Definition>(row.definition, { pages: [] }),
    editable: isTrue(row.editable),
    published: isTrue(row.published),
    opensAt: toDate(row.opensAt)!,
    closesAt: toDate(row.closesAt)!,
    consultationDocumentId: (row.consultationDocumentId as string | null) ?? null,
    publishedCharts: fromJson<string[]>(row.publishedCharts, []),
    receiptNote: (row.receiptNote as string | null) ?? null,
    updatedAt: toDate(row.updatedAt)!,
  });
  const toResponse = (row: RawRow): StoredResponse => ({
    id: Number(row.id),
    respondentKey: String(row.respondentKey),
    channel: row.channel as Channel,
    answers: fromJson<Answers>(row.answers, {}),
    submittedAt: toDate(row.submittedAt),
    receipt: String(row.receipt),
    updatedAt: toDate(row.updatedAt)!,
  });
  const questionnaireColumns = (fields: Partial<QuestionnaireFields>) =>
    questionnaires.toColumns({
      ...fields,
      ...(fields.definition ? { definition: JSON.stringify(fields.definition) } : {}),
      ...(fields.publishedCharts ? { publishedCharts: JSON.stringify(fields.publishedCharts) } : {}),
    });
  /** Submitted responses only, with the filters of the results on the items' own columns. */
  const filtered = (qb: Knex.QueryBuilder, questionnaireId: number, filter: ResultFilter, table: typeof items | typeof responses) => {
    qb.where(table.column('questionnaireId'), questionnaireId);
    if (filter.channel) qb.where(table.column('channel'), filter.channel);
    if (filter.territory) qb.where(table.column('territoryCode'), filter.territory);
    if (filter.ageBand) qb.where(table.column('ageBand'), filter.ageBand);
    return qb;
  };

  /**
   * PostgreSQL: a sent response's counted rows, from one JSON parameter (its items), in one statement; with `replace`,
   * the response's old rows are removed by the same statement. Written once per process.
   */
  const itemsStatements = new Map<boolean, { sql: string; name: string }>();
  const itemsStatement = (replace: boolean) => {
    let statement = itemsStatements.get(replace);
    if (!statement) {
      const c = (a: string) => `"${items.column(a)}"`;
      const sql = `${replace ? `WITH removed AS (DELETE FROM "${items.table}" WHERE ${c('responseId')} = ? RETURNING 1) ` : ''}INSERT INTO "${items.table}"
        (${['documentId', 'createdAt', 'updatedAt', 'publishedAt', 'questionnaireId', 'responseId', 'channel', 'territoryCode', 'ageBand'].map(c).join(', ')},
         ${['question', 'choice', 'position', 'numeric', 'freeText', 'firstOfQuestion'].map(c).join(', ')})
        SELECT md5(random()::text || clock_timestamp()::text), t.now, t.now, t.now, t.questionnaire_id, t.response_id, t.channel, t.territory_code, t.age_band,
          x.question, x.choice, x.position, x.numeric, x."freeText", x."firstOfQuestion"
        FROM (SELECT ?::timestamptz AS now, ?::int AS questionnaire_id, ?::int AS response_id, ?::text AS channel, ?::text AS territory_code, ?::text AS age_band) t
        CROSS JOIN jsonb_to_recordset(?::jsonb) AS x(question text, choice text, position int, numeric float8, "freeText" text, "firstOfQuestion" int)`;
      // Prepared on each connection once, under a name of its text (see platform/database/prepared.ts).
      statement = { sql, name: `participation_items_${replace ? 'replace' : 'insert'}_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}` };
      itemsStatements.set(replace, statement);
    }
    return statement;
  };

  return {
    async questionnaireBy(where: { slug?: string; documentId?: string; id?: number }, db: Db = knex()): Promise<Questionnaire | null> {
      const q = db(questionnaires.table).select(questionnaires.select(QUESTIONNAIRE_ATTRS));
      for (const [k, v] of Object.entries(where)) if (v !== undefined) q.where(questionnaires.column(k), v);
      const row = (await q.first()) as RawRow | undefined;
      return row ? toQuestionnaire(row) : null;
    },

    /**
     * A questionnaire by slug and, for a signed-in respondent, their response (draft or sent), in one statement (a
     * left join on the unique index), whatever the number of answers: the answering page and the answer routes read this.
     */
    async questionnaireWithResponse(
      slug: string,
      respondentKey: string | null
    ): Promise<{ questionnaire: Questionnaire; response: { id: number; submittedAt: Date | null } | null } | null> {
      const db = knex();
      // Built once per shape (a respondent or not), then only bound: the answering page and the answer routes are hot.
      const [row] = await runPrepared<RawRow, { respondent: boolean }>(
        db,
        'questionnaire-with-response',
        { respondent: respondentKey !== null },
        ({ respondent }) => {
          const q = db({ q: questionnaires.table })
            .select(questionnaires.select(QUESTIONNAIRE_ATTRS, 'q'))
            .where(`q.${questionnaires.column('slug')}`, param('slug'))
            .limit(1);
          if (respondent)
            q.leftJoin({ r: responses.table }, (on) =>
              on.on(r('questionnaireId'), `q.${questionnaires.column('id')}`).andOn(r('respondentKey'), db.raw('?', [param('respondent')]))
            ).select({ responseId: r('id'), responseSubmittedAt: r('submittedAt') });
          return q;
        },
        { slug, respondent: respondentKey },
        { serverPrepared: true }
      );
      if (!row) return null;
      const response =
        row.responseId === null || row.responseId === undefined ? null : { id: Number(row.responseId), submittedAt: toDate(row.responseSubmittedAt) };
      return { questionnaire: toQuestionnaire(row), response };
    },

    /** Published questionnaires, the latest to close first (the public list), or every one for staff, each with its submitted responses by channel. */
    async list(options: { publishedOnly: boolean; consultationDocumentId?: string }): Promise<(Questionnaire & { online: number; paper: number })[]> {
      const db = knex();
      const count = (channel: Channel) =>
        db(responses.table)
          .count('*')
          .where(responses.column('questionnaireId'), db.ref(`q.${questionnaires.column('id')}`))
          .where(responses.column('channel'), channel)
          .whereNotNull(responses.column('submittedAt'))
          .as(channel);
      const q = db({ q: questionnaires.table }).select(questionnaires.select(QUESTIONNAIRE_ATTRS, 'q'), count('online'), count('paper'));
      if (options.publishedOnly) q.where(`q.${questionnaires.column('published')}`, true);
      if (options.consultationDocumentId) q.where(`q.${questionnaires.column('consultationDocumentId')}`, options.consultationDocumentId);
      const rows = (await q.orderBy(`q.${questionnaires.column('closesAt')}`, 'desc').orderBy(`q.${questionnaires.column('id')}`, 'desc')) as RawRow[];
      return rows.map((row) => ({ ...toQuestionnaire(row), online: Number(row.online ?? 0), paper: Number(row.paper ?? 0) }));
    },

    /** A new questionnaire; a taken slug is a unique violation for the caller to turn into a field error. */
    async insertQuestionnaire(fields: QuestionnaireFields, now: Date): Promise<string> {
      const row = questionnaires.newRow({}, now);
      await knex()(questionnaires.table).insert({ ...row, ...questionnaireColumns(fields) });
      return String(row[questionnaires.column('documentId')]);
    },

    async updateQuestionnaire(id: number, fields: Partial<QuestionnaireFields>, now: Date, db: Db = knex()) {
      await db(questionnaires.table)
        .where(questionnaires.column('id'), id)
        .update({ ...questionnaireColumns(fields), [questionnaires.column('updatedAt')]: now });
    },

    /** Whether anyone sent an answer (online or on paper): the definition then keeps its questions and choices. */
    async hasResponses(questionnaireId: number, db: Db = knex()): Promise<boolean> {
      const row = await db(responses.table)
        .select(responses.column('id'))
        .where(responses.column('questionnaireId'), questionnaireId)
        .whereNotNull(responses.column('submittedAt'))
        .first();
      return Boolean(row);
    },

    /** A respondent's response (draft or sent), by their key. */
    async responseOf(questionnaireId: number, respondentKey: string): Promise<StoredResponse | null> {
      const row = (await knex()(responses.table)
        .select(responses.select(['id', 'respondentKey', 'channel', 'answers', 'submittedAt', 'receipt', 'updatedAt']))
        .where(responses.column('questionnaireId'), questionnaireId)
        .where(responses.column('respondentKey'), respondentKey)
        .first()) as RawRow | undefined;
      return row ? toResponse(row) : null;
    },

    /**
     * Writes a response and its counted items in the caller's transaction: a new one is inserted (the unique index
     * on questionnaire and respondent refuses a second); `replace` updates the one with that id instead, only if it
     * may still change (`whereDraftOnly`: a sent response stays as sent). Null when there was nothing to replace.
     * The response row is written first: a replacement holds its row lock before its old items are removed, so two
     * replacements at once leave the last one's items only (each statement after the lock sees the other's commit).
     * Items are written for sent responses only; on PostgreSQL the old ones go in the same statement.
     */
    async writeResponse(
      trx: Knex.Transaction,
      row: ResponseRow,
      counted: Item[],
      now: Date,
      replace?: { id: number; whereDraftOnly: boolean }
    ): Promise<{ id: number; receipt: string } | null> {
      const answers = JSON.stringify(row.answers);
      let id: number;
      let receipt = row.receipt;
      if (replace) {
        // Built once per shape, then only bound: the re-sent answer is the hot write.
        const [kept] = await runPrepared<RawRow, { draftOnly: boolean }>(
          trx,
          'questionnaire-response-replace',
          { draftOnly: replace.whereDraftOnly },
          ({ draftOnly }) => {
            const q = trx(responses.table)
              .where(responses.column('id'), param('id'))
              .update(Object.fromEntries(REPLACED.map((a) => [responses.column(a), param(a)])))
              .returning([responses.column('receipt')]);
            if (draftOnly) q.whereNull(responses.column('submittedAt'));
            return q;
          },
          {
            id: replace.id,
            answers,
            submittedAt: row.submittedAt,
            ipHash: row.ipHash,
            territoryCode: row.territoryCode,
            ageBand: row.ageBand,
            paperPlace: row.paperPlace,
            paperDate: row.paperDate,
            enteredBy: row.enteredBy,
            updatedAt: now,
          } satisfies Record<(typeof REPLACED)[number] | 'id', unknown>,
          { serverPrepared: true }
        );
        if (!kept) return null;
        id = replace.id;
        receipt = String(kept[responses.column('receipt')]);
      } else {
        const [inserted] = (await trx(responses.table)
          .insert(responses.newRow({ ...row, answers }, now))
          .returning([responses.column('id')])) as RawRow[];
        id = Number(inserted[responses.column('id')]);
      }
      if (!row.submittedAt) {
        // A draft is not counted: it has no rows (a sent response that may not go back to draft never comes here).
        if (replace) await trx(items.table).where(items.column('responseId'), id).delete();
        return { id, receipt };
      }
      if (strapi.db.dialect.client === 'postgres') {
        // One statement whatever the number of rows: the old rows removed and the new ones added from one JSON parameter.
        const statement = itemsStatement(Boolean(replace));
        await trx
          .raw(statement.sql, [...(replace ? [id] : []), now, row.questionnaireId, id, row.channel, row.territoryCode, row.ageBand, JSON.stringify(counted)])
          .options({ name: statement.name });
        return { id, receipt };
      }
      const shared = { questionnaireId: row.questionnaireId, responseId: id, channel: row.channel, territoryCode: row.territoryCode, ageBand: row.ageBand };
      if (replace) await trx(items.table).where(items.column('responseId'), id).delete();
      const rows = counted.map((item) => items.newRow({ ...shared, ...item }, now));
      for (let at = 0; at < rows.length; at += 500) await trx(items.table).insert(rows.slice(at, at + 500));
      return { id, receipt };
    },

    /** Submitted responses by channel, with the filters. */
    async respondents(questionnaireId: number, filter: ResultFilter): Promise<Record<Channel, number>> {
      const q = knex()(responses.table)
        .select({ channel: responses.column('channel') })
        .count({ n: '*' })
        .whereNotNull(responses.column('submittedAt'));
      const rows = (await filtered(q, questionnaireId, filter, responses).groupBy(responses.column('channel'))) as RawRow[];
      const out: Record<Channel, number> = { online: 0, paper: 0 };
      for (const row of rows) out[row.channel as Channel] = Number(row.n);
      return out;
    },

    /** Every count of the results in one statement: per question, choice and rank, with the mean, minimum and maximum of numbers. */
    async counts(questionnaireId: number, filter: ResultFilter): Promise<CountRow[]> {
      const db = knex();
      const [question, choice, position, numeric] = ['question', 'choice', 'position', 'numeric'].map((c) => items.column(c));
      const q = db(items.table)
        .select({ question, choice, position })
        .count({ count: '*' })
        .sum({ respondents: items.column('firstOfQuestion') })
        .avg({ mean: numeric })
        .min({ min: numeric })
        .max({ max: numeric });
      const rows = (await filtered(q, questionnaireId, filter, items).groupBy([question, choice, position])) as RawRow[];
      return rows.map((row) => ({
        question: String(row.question),
        choice: (row.choice as string | null) ?? null,
        position: numberOrNull(row.position),
        count: Number(row.count),
        respondents: Number(row.respondents ?? 0),
        mean: numberOrNull(row.mean),
        min: numberOrNull(row.min),
        max: numberOrNull(row.max),
      }));
    },

    /** Respondents per numeric value of a question (a histogram of numbers), in one statement. */
    async numericDistribution(questionnaireId: number, filter: ResultFilter): Promise<{ question: string; value: number; count: number }[]> {
      const [question, numeric] = [items.column('question'), items.column('numeric')];
      const q = knex()(items.table).select({ question, value: numeric }).count({ count: '*' }).whereNotNull(numeric).whereNull(items.column('choice'));
      const rows = (await filtered(q, questionnaireId, filter, items).groupBy([question, numeric]).orderBy(numeric)) as RawRow[];
      return rows.map((row) => ({ question: String(row.question), value: Number(row.value), count: Number(row.count) }));
    },

    /** Sources that sent many anonymous responses (same keyed hash of the IP), most first: for staff to spot mass entries. */
    async repeatedSources(questionnaireId: number, atLeast: number): Promise<{ source: string; count: number }[]> {
      const ip = responses.column('ipHash');
      const rows = (await knex()(responses.table)
        .select({ source: ip })
        .count({ count: '*' })
        .where(responses.column('questionnaireId'), questionnaireId)
        .whereNotNull(ip)
        .whereNotNull(responses.column('submittedAt'))
        .groupBy(ip)
        .havingRaw('count(*) >= ?', [atLeast])
        .orderByRaw('count(*) desc')
        .limit(20)) as RawRow[];
      return rows.map((row) => ({ source: String(row.source), count: Number(row.count) }));
    },

    /** The texts answered to a question (free texts and « Autre » precisions), newest first, a page at a time, with the total. */
    async texts(questionnaireId: number, question: string, page: number, pageSize: number) {
      const db = knex();
      const base = () =>
        db(items.table)
          .where(items.column('questionnaireId'), questionnaireId)
          .where(items.column('question'), question)
          .whereNotNull(items.column('freeText'));
      const [rows, [{ total }]] = await Promise.all([
        base()
          .select({
            text: items.column('freeText'),
            channel: items.column('channel'),
            territoryCode: items.column('territoryCode'),
            at: items.column('createdAt'),
          })
          .orderBy(items.column('id'), 'desc')
          .offset((page - 1) * pageSize)
          .limit(pageSize) as Promise<RawRow[]>,
        base().count({ total: '*' }) as Promise<RawRow[]>,
      ]);
      return {
        rows: rows.map((row) => ({
          text: String(row.text),
          channel: row.channel as Channel,
          territoryCode: (row.territoryCode as string | null) ?? null,
          at: toDate(row.at)!,
        })),
        total: Number(total),
      };
    },

    /** Submitted responses in id order, streamed by keyset pages (the export). */
    exportPages(questionnaireId: number) {
      const db = knex();
      const columns = responses.select(['id', 'channel', 'answers', 'submittedAt', 'territoryCode', 'ageBand', 'paperPlace', 'paperDate']);
      return keysetPages(
        (after: number | null) => {
          const q = db(responses.table)
            .select(columns)
            .where(responses.column('questionnaireId'), questionnaireId)
            .whereNotNull(responses.column('submittedAt'));
          if (after !== null) q.where(responses.column('id'), '>', after);
          return q.orderBy(responses.column('id'));
        },
        (last) => Number(last.id),
        (row) => ({
          id: Number(row.id),
          channel: row.channel as Channel,
          answers: fromJson<Answers>(row.answers, {}),
          submittedAt: toDate(row.submittedAt)!,
          territoryCode: (row.territoryCode as string | null) ?? null,
          ageBand: (row.ageBand as string | null) ?? null,
          paperPlace: (row.paperPlace as string | null) ?? null,
          paperDate: (row.paperDate as string | null) ?? null,
        })
      );
    },

    /** A citizen's responses with their questionnaire (their data export). */
    async responsesOfUser(userId: number) {
      const rows = (await knex()({ r: responses.table })
        .join({ q: questionnaires.table }, `q.${questionnaires.column('id')}`, r('questionnaireId'))
        .select({
          title: `q.${questionnaires.column('title')}`,
          slug: `q.${questionnaires.column('slug')}`,
          answers: r('answers'),
          submittedAt: r('submittedAt'),
          receipt: r('receipt'),
        })
        .where(r('userId'), userId)
        .orderBy(r('id'))) as RawRow[];
      return rows.map((row) => ({
        questionnaire: String(row.title),
        slug: String(row.slug),
        answers: fromJson<Answers>(row.answers, {}),
        submittedAt: toDate(row.submittedAt),
        receipt: String(row.receipt),
      }));
    },

    /** A file sent for a question, not yet joined to a response. */
    async insertFile(file: NewAnswerFile, now: Date) {
      const { id, content, ...rest } = file;
      await knex()(files.table).insert(files.newRow({ ...rest, fileKey: id, responseId: null, content: content.toString('base64') }, now));
    },

    /** Files sent but joined to no response before `before` go (one statement; their senders left or changed their mind). */
    async purgeUnattachedFiles(before: Date) {
      await knex()(files.table).whereNull(files.column('responseId')).where(files.column('createdAt'), '<', before).delete();
    },

    /** Files of a questionnaire by their ids, without their content. */
    async filesByIds(questionnaireId: number, ids: string[], db: Db = knex()): Promise<Map<string, AnswerFile>> {
      if (!ids.length) return new Map();
      const rows = (await db(files.table)
        .select(files.select(FILE_META))
        .where(files.column('questionnaireId'), questionnaireId)
        .whereIn(files.column('fileKey'), ids)) as RawRow[];
      return new Map(rows.map((row) => [String(row.fileKey), toFile(row)]));
    },

    /**
     * Joins the files of an answer to its response, in the response's transaction: only files of this questionnaire
     * sent by the same person (`ownerKey`) and free or already this response's; the files the response no longer
     * lists go. Returns how many were joined: fewer than asked means another response took one first.
     */
    async attachFiles(trx: Knex.Transaction, questionnaireId: number, responseId: number, ownerKey: string, ids: string[]): Promise<number> {
      const attached = ids.length
        ? await trx(files.table)
            .where(files.column('questionnaireId'), questionnaireId)
            .where(files.column('ownerKey'), ownerKey)
            .whereIn(files.column('fileKey'), ids)
            .where((w) => w.whereNull(files.column('responseId')).orWhere(files.column('responseId'), responseId))
            .update({ [files.column('responseId')]: responseId })
        : 0;
      await trx(files.table).where(files.column('responseId'), responseId).whereNotIn(files.column('fileKey'), ids).delete();
      return Number(attached);
    },

    /** A file of a sent response with its content, for staff to open (a draft's files are its author's only). */
    async fileWithContent(questionnaireId: number, id: string) {
      const row = (await knex()({ f: files.table })
        .join({ r: responses.table }, r('id'), `f.${files.column('responseId')}`)
        .select(files.select(['name', 'mime', 'bytes', 'content'], 'f'))
        .where(`f.${files.column('questionnaireId')}`, questionnaireId)
        .where(`f.${files.column('fileKey')}`, id)
        .whereNotNull(r('submittedAt'))
        .first()) as RawRow | undefined;
      return row ? { name: String(row.name), mime: String(row.mime), bytes: Number(row.bytes), content: Buffer.from(String(row.content), 'base64') } : null;
    },

    /** The files sent in answer to a question (sent responses only), newest first, a page at a time, with the total. */
    async filesOfQuestion(questionnaireId: number, question: string, page: number, pageSize: number) {
      const db = knex();
      const base = () =>
        db({ f: files.table })
          .join({ r: responses.table }, r('id'), `f.${files.column('responseId')}`)
          .where(`f.${files.column('questionnaireId')}`, questionnaireId)
          .where(`f.${files.column('question')}`, question)
          .whereNotNull(r('submittedAt'));
      const [rows, [{ total }]] = await Promise.all([
        base()
          .select(files.select(['fileKey', 'name', 'mime', 'bytes'], 'f'))
          .select({ responseId: r('id'), channel: r('channel'), at: r('submittedAt') })
          .orderBy(`f.${files.column('id')}`, 'desc')
          .offset((page - 1) * pageSize)
          .limit(pageSize) as Promise<RawRow[]>,
        base().count({ total: '*' }) as Promise<RawRow[]>,
      ]);
      return {
        rows: rows.map((row) => ({
          id: String(row.fileKey),
          name: String(row.name),
          mime: String(row.mime),
          bytes: Number(row.bytes),
          response: Number(row.responseId),
          channel: row.channel as Channel,
          at: toDate(row.at)!,
        })),
        total: Number(total),
      };
    },

    /** The files of a citizen's responses (their data export), without content. */
    async filesOfUser(userId: number) {
      const rows = (await knex()({ f: files.table })
        .join({ r: responses.table }, r('id'), `f.${files.column('responseId')}`)
        .join({ q: questionnaires.table }, `q.${questionnaires.column('id')}`, r('questionnaireId'))
        .select(files.select(['fileKey', 'question', 'name', 'mime', 'bytes', 'sha256'], 'f'))
        .select({ slug: `q.${questionnaires.column('slug')}` })
        .where(r('userId'), userId)
        .orderBy(`f.${files.column('id')}`)) as RawRow[];
      return rows.map((row) => ({
        id: String(row.fileKey),
        questionnaire: String(row.slug),
        question: String(row.question),
        name: String(row.name),
        mime: String(row.mime),
        bytes: Number(row.bytes),
        sha256: String(row.sha256),
      }));
    },

    /** Erasure: a citizen's responses, their counted items and their files go (the results lose them, as the person asked). */
    async eraseUser(trx: Knex.Transaction, userId: number) {
      const ids = trx(responses.table).select(responses.column('id')).where(responses.column('userId'), userId);
      await trx(files.table)
        .where((w) => w.whereIn(files.column('responseId'), ids).orWhere(files.column('ownerKey'), `user:${userId}`))
        .delete();
      await trx(items.table).whereIn(items.column('responseId'), ids).delete();
      await trx(responses.table).where(responses.column('userId'), userId).delete();
    },
  };
}

export type QuestionnairesRepository = ReturnType<typeof questionnairesRepository>;
