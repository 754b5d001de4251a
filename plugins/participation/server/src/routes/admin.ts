import { PERMISSIONS } from '../permissions';
import { staffSession, staffSessionRefused } from '../platform/staff-session';

/**
 * Admin panel routes (prefix /participation), admin JWT; each checks a plugin permission, whatever the UI shows.
 * An admin session is checked by the plugin's own strategy (platform/staff-session.ts: Strapi's checks in one
 * statement), an admin API token by Strapi's; refusals are French (401 `staff_session_required`, 403
 * `permission_required`).
 */
const adminRoute = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: string, action: string) => ({
  method,
  path,
  handler,
  config: {
    auth: { scope: [action], strategies: [staffSession, 'admin-token', staffSessionRefused] },
    policies: [{ name: 'plugin::participation.staff-can', config: { action } }],
    middlewares: ['plugin::participation.errors'],
  },
});

export default {
  type: 'admin' as const,
  routes: [
    adminRoute('GET', '/dashboard', 'admin-lifecycle.dashboard', PERMISSIONS.consultationRead),
    adminRoute('GET', '/consultations', 'admin-lifecycle.list', PERMISSIONS.consultationRead),
    adminRoute('GET', '/consultations/:documentId/export', 'admin-exports.download', PERMISSIONS.export),
    adminRoute('GET', '/exports/log', 'admin-exports.log', PERMISSIONS.export),
    adminRoute('GET', '/answer-templates', 'admin-moderation.answerTemplates', PERMISSIONS.answer),
    adminRoute('PUT', '/contributions/answers', 'admin-moderation.answerMany', PERMISSIONS.answer),
    adminRoute('GET', '/consultations/:documentId/lifecycle', 'admin-lifecycle.state', PERMISSIONS.consultationRead),
    adminRoute('GET', '/consultations/:documentId/transitions', 'admin-lifecycle.history', PERMISSIONS.consultationRead),
    adminRoute('POST', '/consultations/:documentId/transitions', 'admin-lifecycle.transition', PERMISSIONS.consultationTransition),
    adminRoute('GET', '/moderation/queue', 'admin-moderation.queue', PERMISSIONS.moderate),
    adminRoute('GET', '/moderation/pending-counts', 'admin-moderation.pendingCounts', PERMISSIONS.moderate),
    adminRoute('POST', '/moderation/decisions', 'admin-moderation.decide', PERMISSIONS.moderate),
    adminRoute('GET', '/moderation/:type/:id/history', 'admin-moderation.history', PERMISSIONS.moderate),
    adminRoute('PUT', '/contributions/:id/answer', 'admin-moderation.answer', PERMISSIONS.answer),
    adminRoute('GET', '/contributions/:id/assignee', 'admin-moderation.assignment', PERMISSIONS.answer),
    adminRoute('PUT', '/contributions/:id/assignee', 'admin-moderation.assign', PERMISSIONS.answer),
    adminRoute('POST', '/consultations/:documentId/contributions', 'admin-moderation.enter', PERMISSIONS.enter),
    adminRoute('GET', '/petitions', 'admin-petitions.list', PERMISSIONS.petitions),
    adminRoute('POST', '/petitions', 'admin-petitions.enterPetition', PERMISSIONS.petitions),
    adminRoute('GET', '/petitions/:documentId', 'admin-petitions.detail', PERMISSIONS.petitions),
    adminRoute('POST', '/petitions/:documentId/decisions', 'admin-petitions.decide', PERMISSIONS.petitions),
    adminRoute('PUT', '/petitions/:documentId/answer', 'admin-petitions.answer', PERMISSIONS.petitions),
    adminRoute('POST', '/petitions/:documentId/paper-signatures', 'admin-petitions.enterSignature', PERMISSIONS.petitions),
    adminRoute('PUT', '/petitions/:documentId/paper-signatures/:signatureId', 'admin-petitions.verifySignature', PERMISSIONS.petitions),
    adminRoute('GET', '/petitions/:documentId/signatures.csv', 'admin-petitions.exportSignatures', PERMISSIONS.petitionSignaturesExport),
    adminRoute('GET', '/petition-schemes', 'admin-petitions.schemes', PERMISSIONS.petitions),
    adminRoute('POST', '/petition-schemes', 'admin-petitions.createScheme', PERMISSIONS.petitions),
    adminRoute('PUT', '/petition-schemes/:documentId', 'admin-petitions.updateScheme', PERMISSIONS.petitions),
    adminRoute('GET', '/territory-groupings', 'admin-petitions.groupings', PERMISSIONS.petitions),
    adminRoute('POST', '/territory-groupings', 'admin-petitions.importGrouping', PERMISSIONS.petitions),
    adminRoute('GET', '/budgets', 'admin-budgets.list', PERMISSIONS.budgets),
    adminRoute('POST', '/budgets', 'admin-budgets.create', PERMISSIONS.budgets),
    adminRoute('GET', '/budgets/:documentId', 'admin-budgets.detail', PERMISSIONS.budgets),
    adminRoute('PUT', '/budgets/:documentId', 'admin-budgets.update', PERMISSIONS.budgets),
    adminRoute('POST', '/budgets/:documentId/paper-projects', 'admin-budgets.enterProject', PERMISSIONS.budgets),
    adminRoute('POST', '/budgets/:documentId/paper-ballots', 'admin-budgets.enterBallot', PERMISSIONS.budgets),
    adminRoute('GET', '/budgets/:documentId/results.csv', 'admin-budgets.exportResults', PERMISSIONS.budgets),
    adminRoute('POST', '/budget-projects/:documentId/decisions', 'admin-budgets.decide', PERMISSIONS.budgets),
    adminRoute('PUT', '/budget-projects/:documentId/follow-up', 'admin-budgets.followUp', PERMISSIONS.budgets),
    adminRoute('GET', '/outbox', 'admin-outbox.list', PERMISSIONS.outbox),
    adminRoute('POST', '/outbox/replay', 'admin-outbox.replay', PERMISSIONS.outbox),
    adminRoute('GET', '/webhooks', 'admin-outbox.subscriptions', PERMISSIONS.webhooks),
    adminRoute('POST', '/webhooks', 'admin-outbox.create', PERMISSIONS.webhooks),
    adminRoute('PUT', '/webhooks/:id', 'admin-outbox.update', PERMISSIONS.webhooks),
    adminRoute('DELETE', '/webhooks/:id', 'admin-outbox.remove', PERMISSIONS.webhooks),
    adminRoute('GET', '/webhooks/signing-secret', 'admin-outbox.secret', PERMISSIONS.webhooks),
  ],
};
