/**
 * Languages: the locale a person's latest launch asked for (LTI `launch_presentation.locale`, as
 * sent: "es-ES"; null when the launch had none), and a copy of it on each session, taken when the
 * session starts, so a request learns its language from the session row it already reads.
 */
export const sql = /* sql */ `
ALTER TABLE people ADD COLUMN locale TEXT;
ALTER TABLE sessions ADD COLUMN locale TEXT;
`;
