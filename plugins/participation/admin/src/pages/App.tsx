import { Route, Routes } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { ParticipationNav } from '../components/ParticipationNav';
import { ConsultationsPage } from '../consultations/ConsultationsPage';
import { DashboardPage } from './DashboardPage';
import { ExportsPage } from './ExportsPage';
import { ModerationPage } from './ModerationPage';
import { OutboxPage } from './OutboxPage';
import { PetitionsPage } from '../petitions/PetitionsPage';
import { BudgetsPage } from '../budgets/BudgetsPage';
import { ProceduresPage } from '../procedures/ProceduresPage';
import { MeetingsPage } from '../meetings/MeetingsPage';
import { QuestionnairesPage } from '../questionnaires/QuestionnairesPage';
import { Home } from './Home';

export default function App() {
  return (
    <Layouts.Root sideNav={<ParticipationNav />}>
      <Routes>
        <Route index element={<Home />} />
        <Route path="consultations" element={<ConsultationsPage />} />
        <Route path="moderation" element={<ModerationPage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="exports" element={<ExportsPage />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="petitions" element={<PetitionsPage />} />
        <Route path="budgets" element={<BudgetsPage />} />
        <Route path="procedures" element={<ProceduresPage />} />
        <Route path="questionnaires" element={<QuestionnairesPage />} />
        <Route path="reunions" element={<MeetingsPage />} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  );
}
