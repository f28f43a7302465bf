/** The server's limits (cases.schemas.ts), checked here too so the message comes before sending. */
export const SUBJECT_MAX = 160;
export const TEXT_MAX = 20_000;
