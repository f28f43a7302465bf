import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { SurveyAnswers } from '../../../components/SurveyAnswers.tsx';
import { isStaff, useSession } from '../../../lib/session.ts';
import { FINAL_STATES, useCase, useCaseActivity, useCaseSurvey, type Activity, type CaseDetail } from '../api/cases.ts';
import { ActionDialog, type DialogSpec } from '../components/ActionDialog.tsx';
import { ActivityTimeline } from '../components/ActivityTimeline.tsx';
import { AgentActions, type AgentDialog } from '../components/AgentActions.tsx';
import { CaseAttachments } from '../components/CaseAttachments.tsx';
import { CaseDetailsPanel } from '../components/CaseDetailsPanel.tsx';
import { CaseStateBar } from '../components/CaseStateBar.tsx';
import { CaseWatchers } from '../components/CaseWatchers.tsx';
import { CommentForm, type CommentDraft } from '../components/CommentForm.tsx';
import { CustomerActions } from '../components/CustomerActions.tsx';

type DialogKind = 'reject' | 'customerClose' | AgentDialog;
type Notice = 'rejected' | 'closed' | 'accepted' | 'requestedInfo' | 'proposed' | 'cancelled' | 'started';

/** The case page: details, description, the action box, "Case Activity" with the comment box, and "Attachments". */
export function CasePage() {
  const { t } = useTranslation();
  const number = (useParams().number ?? '').toUpperCase();
  const kase = useCase(number);
  // The page the case brings (details, actions, the whole time line) is rendered at a transition's
  // priority: in slices between which the phone paints and answers a tap, not in one task of
  // 0.6 s at Lighthouse's mobile CPU (issue 22, Total Blocking Time). Meanwhile the loader stays, or
  // the case as it was; another case's page is never shown under this number.
  const deferred = useDeferredValue(kase.data);
  const shown = deferred?.number === number ? deferred : undefined;

  return kase.isError ? (
    <Stack gap="md">
      <PageHeading>{t('cases.page.title', { number })}</PageHeading>
      <ErrorAlert error={kase.error} onRetry={() => void kase.refetch()} />
    </Stack>
  ) : shown ? (
    <CaseView kase={shown} />
  ) : (
    <>
      <PageHeading>{t('cases.page.title', { number })}</PageHeading>
      <PageLoader />
    </>
  );
}

function CaseView({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const person = useSession().data?.person;
  const staff = isStaff(person);
  const activity = useCaseActivity(kase.number);
  const final = FINAL_STATES.includes(kase.state);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [draft, setDraft] = useState<CommentDraft>({ body: '', workNote: false });
  const specs = useDialogSpecs();

  const solution = useMemo(() => latestSolution(activity.data ?? []), [activity.data]);
  const canComment = kase.allowed.includes('customer_comment') || kase.allowed.includes('agent_comment');
  const canWorkNote = kase.allowed.includes('work_note');
  const open = (kind: DialogKind) => {
    setNotice(null);
    setDialog(kind);
  };

  return (
    <>
      {/* While a dialog is open the page behind it is out of reach, for the keyboard and for screen readers. */}
      <div inert={dialog !== null} aria-hidden={dialog !== null || undefined}>
        <Stack gap="lg">
          <div>
            <PageHeading>{t('cases.page.title', { number: kase.number })}</PageHeading>
            <Text size="xl" fw={600} mt={-8} className="pre-wrap">
              {kase.subject}
            </Text>
          </div>
          <CaseStateBar state={kase.state} />
          {notice && <NoticeAlert key={notice} notice={notice} surveyId={kase.pendingSurveyId} />}
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="lg">
                {!staff && (
                  <CustomerActions
                    kase={kase}
                    solution={solution}
                    onReject={() => open('reject')}
                    onClose={() => open('customerClose')}
                    onAccepted={() => setNotice('accepted')}
                  />
                )}
                {staff && person && <AgentActions kase={kase} viewerId={person.id} onDialog={open} onStarted={() => setNotice('started')} />}
                {final && <FinalNotice kase={kase} staff={staff} />}
                <Section id="description-heading" title={t('cases.page.description')}>
                  <Text className="pre-wrap">{kase.description}</Text>
                </Section>
                <Section id="activity-heading" title={t('cases.activity.title')}>
                  <Stack gap="md">
                    {(canComment || canWorkNote) && dialog === null && (
                      <CommentForm
                        number={kase.number}
                        draft={draft}
                        onDraft={setDraft}
                        canWorkNote={staff && canWorkNote}
                        workNoteOnly={staff && canWorkNote && !canComment}
                      />
                    )}
                    {activity.isPending ? (
                      <PageLoader />
                    ) : activity.isError ? (
                      <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />
                    ) : (
                      <ActivityTimeline entries={activity.data} />
                    )}
                  </Stack>
                </Section>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="lg">
                <Section id="details-heading" title={t('cases.details.title')}>
                  <CaseDetailsPanel kase={kase} />
                </Section>
                {!staff && (
                  <Section id="watchers-heading" title={t('cases.watchers.title')}>
                    <CaseWatchers number={kase.number} />
                  </Section>
                )}
                <Section id="attachments-heading" title={t('attachments.title')}>
                  <CaseAttachments number={kase.number} attachments={kase.attachments} canAdd={kase.allowed.includes('add_attachment')} />
                </Section>
                {staff && kase.state === 'closed' && <CaseSurvey number={kase.number} />}
              </Stack>
            </Grid.Col>
          </Grid>
          <Anchor component={Link} to={staff ? '/queue' : '/my-cases'}>
            {staff ? t('cases.page.backToQueue') : t('cases.page.backToList')}
          </Anchor>
        </Stack>
      </div>
      <ActionDialog
        number={kase.number}
        spec={dialog ? specs[dialog] : null}
        // Done, the notice of what happened takes focus (the button that opened the dialog may be gone); cancelled, focus goes back to that button.
        returnFocus={notice === null}
        onClose={() => setDialog(null)}
        onDone={() => {
          setNotice(dialog ? NOTICE_AFTER[dialog] : null);
          setDialog(null);
        }}
      />
    </>
  );
}

const NOTICE_AFTER: Record<DialogKind, Notice> = {
  reject: 'rejected',
  customerClose: 'closed',
  agentClose: 'closed',
  requestInfo: 'requestedInfo',
  proposeSolution: 'proposed',
  cancel: 'cancelled',
};

/** The text of the newest proposed solution, for the box that asks the contact to answer it. */
function latestSolution(entries: Activity[]): string | null {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index]!;
    if (entry.kind === 'comment' && entry.detail.solution === true) return entry.body;
  }
  return null;
}

function useDialogSpecs(): Record<DialogKind, DialogSpec> {
  const { t } = useTranslation();
  return {
    reject: {
      title: t('cases.answer.rejectTitle'),
      text: t('cases.answer.rejectText'),
      fieldLabel: t('cases.comment.label'),
      required: true,
      requiredKey: 'validation.commentRequiredToReject',
      confirmLabel: t('cases.answer.reject'),
      danger: true,
      request: (comment) => ({ path: 'reject', body: { comment } }),
      serverField: 'comment',
    },
    customerClose: {
      title: t('cases.close.title'),
      text: t('cases.close.text'),
      fieldLabel: t('cases.comment.label'),
      required: false,
      confirmLabel: t('cases.close.button'),
      request: (comment) => ({ path: 'close', body: { comment } }),
      serverField: 'comment',
    },
    agentClose: {
      title: t('cases.close.title'),
      text: t('cases.close.agentText'),
      fieldLabel: t('cases.close.notes'),
      required: true,
      requiredKey: 'validation.closingNotesRequired',
      confirmLabel: t('cases.close.button'),
      request: (notes) => ({ path: 'close', body: { notes } }),
      serverField: 'notes',
    },
    requestInfo: {
      title: t('cases.agent.requestInfoTitle'),
      text: t('cases.agent.requestInfoText'),
      fieldLabel: t('cases.comment.label'),
      required: false,
      confirmLabel: t('cases.agent.requestInfo'),
      request: (comment) => ({ path: 'request-info', body: { comment } }),
      serverField: 'comment',
    },
    proposeSolution: {
      title: t('cases.agent.proposeTitle'),
      text: t('cases.agent.proposeText'),
      fieldLabel: t('cases.agent.solution'),
      required: true,
      requiredKey: 'validation.solutionRequired',
      confirmLabel: t('cases.agent.proposeSolution'),
      request: (solution) => ({ path: 'propose-solution', body: { solution } }),
      serverField: 'solution',
    },
    cancel: {
      title: t('cases.agent.cancelTitle'),
      text: t('cases.agent.cancelText'),
      fieldLabel: t('cases.comment.label'),
      required: false,
      confirmLabel: t('cases.agent.cancelCase'),
      dismissLabel: t('cases.agent.keepCase'),
      danger: true,
      request: (comment) => ({ path: 'cancel', body: { comment } }),
      serverField: 'comment',
    },
  };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}

/** What an action did; it takes focus, because the button that was pressed is often gone with the old state. */
function NoticeAlert({ notice, surveyId }: { notice: Notice; surveyId: number | null }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Alert ref={ref} tabIndex={-1} color="green" variant="light" role="status">
      <Stack gap={4}>
        <Text>{t(`cases.notices.${notice}`)}</Text>
        {notice === 'accepted' && (
          <Anchor component={Link} to={surveyId ? `/surveys/${surveyId}` : '/surveys'} c="blue.9">
            {t('cases.notices.answerSurvey')}
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}

/** Closed and Cancelled are final; a closed case offers "Create follow-up case" to its contact. */
function FinalNotice({ kase, staff }: { kase: CaseDetail; staff: boolean }) {
  const { t } = useTranslation();
  const followUp = new URLSearchParams({ followUpOf: kase.number, subject: kase.subject, type: kase.type });
  if (kase.productId !== null && kase.productName) {
    followUp.set('productId', String(kase.productId));
    followUp.set('productName', kase.productName);
  }
  return (
    <Alert color="gray" variant="light" role="note">
      <Stack gap="sm">
        <Text>{kase.state === 'cancelled' ? t('cases.final.cancelled') : t('cases.final.closed')}</Text>
        {staff && <Text size="sm">{t('cases.final.workNotes')}</Text>}
        {kase.allowed.includes('follow_up') && (
          <Group>
            <Button component={Link} to={`/create-case?${followUp.toString()}`}>
              {t('cases.final.followUp')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** The contact's satisfaction survey for this case, for staff. */
function CaseSurvey({ number }: { number: string }) {
  const { t } = useTranslation();
  const survey = useCaseSurvey(number, true);
  return (
    <Section id="survey-heading" title={t('cases.survey.title')}>
      {survey.isPending ? (
        <PageLoader />
      ) : survey.isError ? (
        <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />
      ) : survey.data === null ? (
        <Text>{t('cases.survey.none')}</Text>
      ) : survey.data.state === 'pending' || !survey.data.answers ? (
        <Text>{t('cases.survey.pending')}</Text>
      ) : (
        <SurveyAnswers answers={survey.data.answers} comment={survey.data.comment} />
      )}
    </Section>
  );
}
