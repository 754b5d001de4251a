/** The plugin's tables that hold a citizen's data, by content-type uid. */
export const CONTRIBUTION = 'plugin::participation.contribution' as const;
export const COMMENT = 'plugin::participation.comment' as const;
export const SUPPORT = 'plugin::participation.support' as const;
export const REPORT = 'plugin::participation.report' as const;
export const PARTICIPANT = 'plugin::participation.participant' as const;
