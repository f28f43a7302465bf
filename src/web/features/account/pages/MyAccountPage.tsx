import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useActiveSessions, useProfile, type Profile } from '../api/account.ts';
import { useRecentSignIn } from '../../../components/ConfirmIdentity.tsx';
import { PasswordForm } from '../components/PasswordForm.tsx';
import { ProfileForm } from '../components/ProfileForm.tsx';
import { SecondFactorSection } from '../components/SecondFactorSection.tsx';
import { SessionsTable } from '../components/SessionsTable.tsx';
import { CaseMailsForm } from '../components/CaseMailsForm.tsx';
import { AccessTokensSection } from '../components/AccessTokensSection.tsx';
import { PasskeysSection } from '../components/PasskeysSection.tsx';

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

/** The details, and the password, second factor and passkeys, whose changes may first ask "Confirm it's you". */
function SignInSections({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { guard, dialog } = useRecentSignIn(profile.otpMethod);
  return (
    <>
      <Section id="account-profile" title={t('account.profile.title')}>
        <ProfileForm profile={profile} />
      </Section>
      <Section id="account-password" title={t('account.password.title')}>
        <PasswordForm guard={guard} />
      </Section>
      <Section id="account-second-factor" title={t('account.secondFactor.title')}>
        <SecondFactorSection otpMethod={profile.otpMethod} guard={guard} />
      </Section>
      <Section id="account-passkeys" title={t('passkeys.title')}>
        <PasskeysSection guard={guard} />
      </Section>
      <Section id="account-case-mails" title={t('account.caseMails.title')}>
        <CaseMailsForm caseMails={profile.caseMails} />
      </Section>
      <Section id="account-api-tokens" title={t('account.tokens.title')}>
        <AccessTokensSection guard={guard} />
      </Section>
      {dialog}
    </>
  );
}

/** "My Account": the person's details, password, second factor, passkeys, API tokens and signed-in browsers. */
export function MyAccountPage() {
  const { t } = useTranslation();
  const profile = useProfile();
  const sessions = useActiveSessions();

  return (
    <Stack gap="xl">
      <div>
        <PageHeading>{t('account.title')}</PageHeading>
        <Text>{t('account.intro')}</Text>
      </div>
      {profile.isPending ? (
        <PageLoader />
      ) : profile.isError ? (
        <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <SignInSections profile={profile.data} />
      )}
      <Section id="account-sessions" title={t('account.sessions.title')}>
        <Text mb="sm">{t('account.sessions.intro')}</Text>
        {sessions.isPending ? (
          <PageLoader />
        ) : sessions.isError ? (
          <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <SessionsTable sessions={sessions.data.items} />
        )}
      </Section>
    </Stack>
  );
}
