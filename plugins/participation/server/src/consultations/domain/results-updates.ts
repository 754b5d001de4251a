import * as z from 'zod/v4';

/**
 * « Et ensuite » : what became of a consultation after its results, posted by staff as dated updates
 * (`[{ "date": "2027-03-01", "title": "Travaux lancés", "text": "…" }]`). Each update published after the results
 * is told once to the consultation's followers.
 */
export const resultsUpdateSchema = z.strictObject({
  date: z.iso.date({ error: 'Date attendue (AAAA-MM-JJ).' }),
  title: z.string().trim().min(3).max(160),
  text: z.string().trim().min(1).max(5000),
});
export const resultsUpdatesSchema = z.array(resultsUpdateSchema).max(50);
export type ResultsUpdate = z.infer<typeof resultsUpdateSchema>;

/** Newest first, as the public reads them. */
export const sortUpdates = (updates: ResultsUpdate[]) => [...updates].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

/** The updates followers hear of: those dated on or after the day the results came out (earlier ones are part of them). */
export const updatesToAnnounce = (updates: ResultsUpdate[], resultsPublishedAt: Date) =>
  updates.filter((u) => u.date >= resultsPublishedAt.toISOString().slice(0, 10));
