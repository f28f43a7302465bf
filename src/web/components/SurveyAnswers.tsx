import { Text } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVEY_QUESTIONS, SURVEY_SCALE } from '../../shared/surveys.ts';
import { DetailsTable } from './DetailsTable.tsx';

/** A survey as the API returns it (GET /api/surveys/:id, GET /api/cases/:number/survey). */
export type Survey = {
  id: number;
  caseNumber: string;
  caseSubject: string;
  state: 'pending' | 'answered';
  /** One answer per question, 1 (very dissatisfied) to 5 (very satisfied); null while pending. */
  answers: number[] | null;
  comment: string | null;
  createdAt: number;
  answeredAt: number | null;
};

type Scale = (typeof SURVEY_SCALE)[number];
const isScale = (value: number): value is Scale => (SURVEY_SCALE as readonly number[]).includes(value);

/** Words for an answer from 1 to 5, e.g. "Very satisfied". */
export function useScaleText() {
  const { t } = useTranslation();
  return useCallback((answer: number) => (isScale(answer) ? t(`surveys.scale.${answer}`) : String(answer)), [t]);
}

/** A survey's answers, read-only: each question with the chosen answer, then the comment. */
export function SurveyAnswers({ answers, comment }: { answers: number[]; comment: string | null }) {
  const { t } = useTranslation();
  const scaleText = useScaleText();
  const rows = SURVEY_QUESTIONS.map((question, index) => {
    const answer = answers[index];
    return {
      label: t(`surveys.questions.${question}`),
      value: answer === undefined ? t('common.notGiven') : t('surveys.answerLabel', { value: answer, label: scaleText(answer) }),
    };
  });
  rows.push({ label: t('surveys.comment'), value: comment ?? t('common.notGiven') });
  return <DetailsTable rows={rows.map((row) => ({ label: row.label, value: <Text className="pre-wrap">{row.value}</Text> }))} />;
}
