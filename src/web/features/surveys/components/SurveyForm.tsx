import { Button, Group, Radio, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVEY_QUESTIONS, SURVEY_SCALE } from '../../../../shared/surveys.ts';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { useScaleText } from '../../../components/SurveyAnswers.tsx';
import { formErrors, Msg } from '../../../lib/errors.tsx';
import { useAnswerSurvey } from '../api/surveys.ts';

type Values = Record<(typeof SURVEY_QUESTIONS)[number], string> & { comment: string };

const COMMENT_MAX = 4000;
const chosen = (value: string) => (value ? null : <Msg k="validation.chooseAnswer" />);

/** The five questions, each answered from "Very dissatisfied" to "Very satisfied", and an optional comment. */
export function SurveyForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const scaleText = useScaleText();
  const answer = useAnswerSurvey(id);
  const [formError, setFormError] = useState<ReactNode | null>(null);
  const form = useForm<Values>({
    initialValues: { overall: '', responseTime: '', knowledge: '', communication: '', resolution: '', comment: '' },
    validate: {
      overall: chosen,
      responseTime: chosen,
      knowledge: chosen,
      communication: chosen,
      resolution: chosen,
      comment: (value) => (value.trim().length > COMMENT_MAX ? <Msg k="validation.tooLong" values={{ max: COMMENT_MAX }} /> : null),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await answer.mutateAsync({ answers: SURVEY_QUESTIONS.map((question) => Number(values[question])), comment: values.comment.trim() });
    } catch (error) {
      // The answers go as one list, so the server's problems are about the whole form.
      setFormError(formErrors(error, ['comment']).formError);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {SURVEY_QUESTIONS.map((question) => (
          <Radio.Group key={question} label={t(`surveys.questions.${question}`)} {...form.getInputProps(question)}>
            <Group mt="xs" gap="lg">
              {SURVEY_SCALE.map((value) => (
                <Radio key={value} value={String(value)} label={scaleText(value)} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <GrowingTextarea label={t('surveys.comment')} description={t('common.optional')} minRows={3} maxRows={10} {...form.getInputProps('comment')} />
        <FormError message={formError} />
        <Button type="submit" loading={answer.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('common.submit')}
        </Button>
      </Stack>
    </form>
  );
}
