import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeading } from '../../../components/PageHeading.tsx';
import type { CaseType } from '../api/cases.ts';
import { CreateCaseForm, type CaseDraft } from '../components/CreateCaseForm.tsx';
import { SUBJECT_MAX } from '../limits.ts';

const CASE_NUMBER = /^CS\d{7}$/;

/**
 * What `?followUpOf=CS…&subject=…&productId=…&productName=…&type=…` asks for ("Create follow-up
 * case" on a closed case). Anything malformed is left out; the server checks the rest.
 */
function draftFrom(params: URLSearchParams): CaseDraft {
  const followUpOf = params.get('followUpOf')?.trim().toUpperCase();
  const type = params.get('type');
  const productId = Number(params.get('productId'));
  const productName = params.get('productName')?.trim();
  return {
    followUpOf: followUpOf && CASE_NUMBER.test(followUpOf) ? followUpOf : undefined,
    subject: params.get('subject')?.slice(0, SUBJECT_MAX) ?? undefined,
    type: type === 'product_issue' || type === 'portal_issue' ? (type as CaseType) : undefined,
    product: Number.isSafeInteger(productId) && productId > 0 && productName ? { id: productId, name: productName, active: true } : null,
  };
}

/** "Create Case"; once sent, the new case's number linking to it. */
export function CreateCasePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const search = params.toString();
  const draft = useMemo(() => draftFrom(new URLSearchParams(search)), [search]);
  const [created, setCreated] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const startAgain = () => {
    setCreated(null);
    setFormKey((key) => key + 1);
  };

  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} maw={760} mx="auto">
      <PageHeading>{t('cases.create.title')}</PageHeading>
      {created ? (
        <CreatedNotice number={created} onAnother={startAgain} />
      ) : (
        <Stack gap="md">
          <Text>{t('cases.create.intro')}</Text>
          {draft.followUpOf && (
            <Alert color="blue" variant="light" role="note">
              <Trans
                i18nKey="cases.create.followUpNote"
                values={{ number: draft.followUpOf }}
                components={{ num: <Anchor component={Link} to={`/cases/${draft.followUpOf}`} c="blue.9" /> }}
              />
            </Alert>
          )}
          <CreateCaseForm key={`${search}-${formKey}`} draft={draft} onCreated={setCreated} />
        </Stack>
      )}
    </Paper>
  );
}

/** "Created CS0000123", the number linking to the case; it takes focus so it is read out at once. */
function CreatedNotice({ number, onAnother }: { number: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Stack gap="md">
      <Alert ref={ref} tabIndex={-1} color="green" variant="light" role="status">
        <Text fw={600} size="lg">
          <Trans i18nKey="cases.create.created" values={{ number }} components={{ num: <Anchor component={Link} to={`/cases/${number}`} fw={700} c="blue.9" /> }} />
        </Text>
        <Text mt="xs">{t('cases.create.trackHint')}</Text>
      </Alert>
      <Button variant="default" onClick={onAnother} style={{ alignSelf: 'flex-start' }}>
        {t('cases.create.another')}
      </Button>
    </Stack>
  );
}
