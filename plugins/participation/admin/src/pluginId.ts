export const PLUGIN_ID = 'participation';
