import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SURVEY_QUESTIONS } from '../../../../shared/surveys.ts';
import { api } from '../../../lib/api.ts';

import type { Survey } from '../../../components/SurveyAnswers.tsx';

export type { Survey };

export type SurveySummary = {
  total: number;
  answered: number;
  /** 0 to 1. */
  responseRate: number;
  averages: { question: (typeof SURVEY_QUESTIONS)[number]; average: number | null }[];
};

const LIST_KEY = ['surveys'] as const;
const surveyKey = (id: number) => ['survey', id] as const;

/** The contact's surveys, newest first, pending and answered. */
export function useSurveys() {
  return useQuery({ queryKey: LIST_KEY, queryFn: ({ signal }) => api.get<{ items: Survey[] }>('/api/surveys', signal) });
}

export function useSurvey(id: number) {
  return useQuery({ queryKey: surveyKey(id), queryFn: ({ signal }) => api.get<Survey>(`/api/surveys/${id}`, signal) });
}

/** Answers a survey once; the answer is the survey as answered, shown at once. */
export function useAnswerSurvey(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { answers: number[]; comment: string }) => api.post<Survey>(`/api/surveys/${id}`, input),
    onSuccess: (survey) => {
      queryClient.setQueryData(surveyKey(id), survey);
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
    },
    // Answered already (another tab): show it as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: surveyKey(id) }),
  });
}

/** Response rate and average answer per question, for staff. */
export function useSurveySummary() {
  return useQuery({ queryKey: ['survey-summary'], queryFn: ({ signal }) => api.get<SurveySummary>('/api/surveys/summary', signal) });
}
