import type { TargetType } from '../api/types';
import { ModerationContent } from './ModerationContent';

const MODELS: Record<string, TargetType> = { 'plugin::participation.contribution': 'contribution', 'plugin::participation.comment': 'comment' };

/** Side panel of a contribution or comment in the Content Manager: where it stands, its history, and where to act. */
export const ModerationPanel = ({ model, documentId, document }: { model: string; documentId?: string; document?: { title?: string | null } }) => {
  const type = MODELS[model];
  if (!type || !documentId) return null;
  return {
    title: 'Modération',
    content: <ModerationContent type={type} documentId={documentId} title={document?.title ?? null} />,
  };
};

ModerationPanel.type = 'moderation';
