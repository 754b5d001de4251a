import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { fileKindAt, type UploadedFile } from '../../platform/file-kinds';
import { FILE_ANSWERS, questionsOf } from '../../../../shared/questionnaire';
import { questionnairesRepository, type Questionnaire } from '../repository';
import { fileOwnerOf, openQuestionnaire, paperOwnerOf, paperQuestionnaire, type StaffActor } from './answer';

/** A file joined to no response within a day is let go of. */
const UNATTACHED_FOR_MS = 24 * 3_600_000;

/** The name a file keeps: the sender's, without path or control characters, ending with the extension of what it is. */
export function storedName(original: string | null | undefined, extension: string): string {
  const base = path.basename(String(original ?? '').replace(/\\/g, '/'));
  const stem = base
    .replace(/\.[^.]*$/, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .replace(/^[ ._-]+/, '')
    .slice(0, 150)
    .trim();
  return `${stem || 'fichier'}.${extension}`;
}

/**
 * Keeps a file sent for a file question: the question must ask for files; a PDF, JPEG or PNG told by its first bytes
 * (415 otherwise), 5 Mo at most (413). It waits, joined to nothing, for the answer that lists its id; files nobody
 * joined within a day go as the next one arrives. Its content stays in the database, served to staff only.
 */
async function keepFile(strapi: Core.Strapi, q: Questionnaire, question: string, file: UploadedFile | undefined, ownerKey: string, now: Date) {
  const asked = questionsOf(q.definition).find((x) => x.key === question);
  if (!asked || asked.type !== 'file') throw validationFailed([{ path: ['question'], message: 'Cette question ne demande pas de fichier.' }]);
  if (!file) throw validationFailed([{ path: ['file'], message: 'Joignez un fichier (PDF, JPEG ou PNG).' }]);
  if (file.size > FILE_ANSWERS.maxBytes) throw fail('payload_too_large', `Un fichier joint pèse ${FILE_ANSWERS.maxBytes / 1024 / 1024} Mo au plus.`);
  const kind = await fileKindAt(file.filepath);
  if (!kind) throw fail('unsupported_media_type', 'Joignez un PDF, un JPEG ou un PNG.');
  const content = await fs.readFile(file.filepath);
  const stored = {
    id: `f_${randomBytes(16).toString('base64url')}`,
    questionnaireId: q.id,
    question,
    ownerKey,
    name: storedName(file.originalFilename, kind.extension),
    mime: kind.mime,
    bytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
  };
  const repository = questionnairesRepository(strapi);
  await repository.purgeUnattachedFiles(new Date(now.getTime() - UNATTACHED_FOR_MS));
  await repository.insertFile(stored, now);
  return { data: { id: stored.id, question, name: stored.name, mime: stored.mime, bytes: stored.bytes } };
}

/**
 * POST /questionnaires/:slug/files — a respondent sends a file for a question, then answers with its id. Only while
 * the questionnaire is open, by whoever may answer it (signed in, or anyone where it is anonymous).
 */
export async function sendFile(strapi: Core.Strapi, slug: string, citizen: Citizen | null, question: string, file: UploadedFile | undefined, now = new Date()) {
  const { questionnaire: q, response } = await openQuestionnaire(strapi, slug, citizen ? `user:${citizen.id}` : null, now);
  if (!citizen && q.audience !== 'anonymous') throw fail('authentication_required', 'Connectez-vous pour répondre à ce questionnaire.');
  if (response?.submittedAt && !q.editable) throw fail('already_answered');
  return keepFile(strapi, q, question, file, fileOwnerOf(citizen), now);
}

/** An agent sends the scan or photo joined to a paper questionnaire, then enters the answer with its id. */
export async function sendPaperFile(
  strapi: Core.Strapi,
  documentId: string,
  question: string,
  file: UploadedFile | undefined,
  actor: StaffActor,
  now = new Date()
) {
  const q = await paperQuestionnaire(strapi, documentId, now);
  return keepFile(strapi, q, question, file, paperOwnerOf(actor), now);
}

/** Staff open a file of a sent response (never a draft's: it is still its author's). */
export async function openFile(strapi: Core.Strapi, documentId: string, fileId: string) {
  const repository = questionnairesRepository(strapi);
  const q = await repository.questionnaireBy({ documentId });
  if (!q) throw notFound('Questionnaire introuvable.');
  const file = await repository.fileWithContent(q.id, fileId);
  if (!file) throw notFound('Fichier introuvable.');
  return file;
}
