import { UnsavedNotice } from './UnsavedNotice';
import { LifecycleContent, CONSULTATION, EditedDocument } from './LifecycleContent';

/** Side panel of the Content Manager's edit view, for consultations only. */
export const LifecyclePanel = ({ model, documentId, document }: { model: string; documentId?: string; document?: EditedDocument }) => {
  if (model !== CONSULTATION) return null;
  return {
    title: 'Cycle de vie',
    content: documentId ? <LifecycleContent documentId={documentId} document={document} /> : <UnsavedNotice />,
  };
};

LifecyclePanel.type = 'lifecycle';
