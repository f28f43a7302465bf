/** The five questions of the satisfaction survey; their wording lives in the web app's i18n and the mails. */
export const SURVEY_QUESTIONS = ['overall', 'responseTime', 'knowledge', 'communication', 'resolution'] as const;
/** Each answer is a choice from 1 (very dissatisfied) to 5 (very satisfied). */
export const SURVEY_SCALE = [1, 2, 3, 4, 5] as const;
