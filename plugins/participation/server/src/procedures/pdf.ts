import PDFDocument from 'pdfkit';
import { frenchDay, parisDay, PROCEDURES, type ProcedureKind } from './domain/rules';

type Entry = {
  number: number;
  receivedAt: string;
  channel: string;
  visibility: 'published' | 'pending' | 'withheld';
  title: string | null;
  body: string | null;
  entryHash: string;
};

const CHANNELS: Record<string, string> = {
  web: 'en ligne',
  mail: 'par courrier',
  email: 'par courriel',
  paper: 'sur papier',
  meeting: 'en réunion ou à une permanence',
};
const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/**
 * The register as a PDF, for the annex of the paper register: each observation with its number, when and how it was
 * received, its text once published (or why not), and its hash; the head on the first page. A4, tagged, in French.
 */
export function registerPdf(register: {
  title: string;
  procedure: ProcedureKind;
  head: string;
  count: number;
  exportedAt: string;
  entries: Entry[];
  /** The day this annex stops at (the register as inscribed by its end), for the paper register's daily annex. */
  closedOn?: string;
}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'fr-FR',
    tagged: true,
    displayTitle: true,
    info: { Title: `Registre : ${register.title}`, Author: 'Participer' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const exported = new Date(register.exportedAt);
  doc.font('Helvetica-Bold').fontSize(16).text('Registre des observations');
  doc.font('Helvetica').fontSize(11).text(`${PROCEDURES[register.procedure].label} — ${register.title}`);
  if (register.closedOn) {
    doc.text(`Annexe du registre, arrêtée le ${frenchDay(register.closedOn)} à minuit : ${register.count} observation(s), numérotées sans trou.`);
    doc.text(`Modération à la date d’édition, le ${frenchDay(parisDay(exported))} à ${time.format(exported)}.`);
  } else doc.text(`Exporté le ${frenchDay(parisDay(exported))} à ${time.format(exported)} : ${register.count} observation(s), numérotées sans trou.`);
  doc.fontSize(8).text(`Dernière empreinte (SHA-256) : ${register.head}`);
  doc.moveDown();
  for (const e of register.entries) {
    const received = new Date(e.receivedAt);
    doc.font('Helvetica-Bold').fontSize(12).text(`Observation n° ${e.number}`);
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`Reçue ${CHANNELS[e.channel] ?? e.channel} le ${frenchDay(parisDay(received))} à ${time.format(received)}`);
    doc.fontSize(10);
    if (e.visibility === 'published') {
      if (e.title) doc.font('Helvetica-Bold').text(e.title);
      doc.font('Helvetica').text(e.body ?? '');
    } else {
      doc.font('Helvetica-Oblique').text(e.visibility === 'pending' ? 'En cours de modération.' : 'Retenue : non publiée, dans les cas que la loi permet.');
    }
    doc.font('Helvetica').fontSize(7).fillColor('#444444').text(`Empreinte : ${e.entryHash}`).fillColor('black');
    doc.moveDown(0.8);
  }
  doc.end();
  return done;
}
