import { PERMISSIONS } from '../permissions';

/** Admin panel routes (prefix /participation), admin JWT; each checks a plugin permission, whatever the UI shows. */
const adminRoute = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: string, action: string) => ({
  method,
  path,
  handler,
  config: {
    policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }],
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
    adminRoute('GET', '/outbox', 'admin-outbox.list', PERMISSIONS.outbox),
    adminRoute('POST', '/outbox/replay', 'admin-outbox.replay', PERMISSIONS.outbox),
    adminRoute('GET', '/webhooks', 'admin-outbox.subscriptions', PERMISSIONS.webhooks),
    adminRoute('POST', '/webhooks', 'admin-outbox.create', PERMISSIONS.webhooks),
    adminRoute('PUT', '/webhooks/:id', 'admin-outbox.update', PERMISSIONS.webhooks),
    adminRoute('DELETE', '/webhooks/:id', 'admin-outbox.remove', PERMISSIONS.webhooks),
    adminRoute('GET', '/webhooks/signing-secret', 'admin-outbox.secret', PERMISSIONS.webhooks),
  ],
};
