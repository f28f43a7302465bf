import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DetailsTable, type DetailRow } from '../../../components/DetailsTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { isAdmin, isContact, isStaff, useSession } from '../../../lib/session.ts';
import { hasAnyDetail, useContactDetails, type ContactDetails } from '../api/contact.ts';

/** The vendor's published details, each only when it is set. */
function DetailsSection({ details }: { details: ContactDetails }) {
  const { t } = useTranslation();
  if (!hasAnyDetail(details)) {
    return (
      <Alert color="blue" variant="light">
        <Text>{t('contact.notPublished')}</Text>
      </Alert>
    );
  }
  const preWrap = { whiteSpace: 'pre-wrap' } as const;
  const phoneTarget = details.phone.replace(/[^\d+]/g, '');
  const rows: DetailRow[] = [];
  if (details.company.trim()) rows.push({ label: t('contact.company'), value: details.company });
  if (details.email.trim())
    rows.push({ label: t('contact.email'), value: <Anchor href={`mailto:${details.email.trim()}`}>{details.email.trim()}</Anchor> });
  if (details.phone.trim())
    rows.push({ label: t('contact.phone'), value: phoneTarget ? <Anchor href={`tel:${phoneTarget}`}>{details.phone.trim()}</Anchor> : details.phone });
  if (details.hours.trim()) rows.push({ label: t('contact.hours'), value: <span style={preWrap}>{details.hours.trim()}</span> });
  if (details.address.trim())
    rows.push({ label: t('contact.address'), value: <address style={{ ...preWrap, fontStyle: 'normal' }}>{details.address.trim()}</address> });
  return <DetailsTable rows={rows} />;
}

/** "Contact Us": how to reach the vendor's support team, and that support requests are cases. */
export function ContactUsPage() {
  const { t } = useTranslation();
  const contact = useContactDetails();
  const session = useSession();
  const person = session.data?.stage === 'active' ? session.data.person : null;

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('contact.title')}</PageHeading>
        <Text size="lg">{t('contact.intro')}</Text>
      </div>
      <Stack component="section" gap="sm">
        <Title order={2}>{t('contact.detailsHeading')}</Title>
        {contact.isPending ? (
          <PageLoader />
        ) : contact.isError ? (
          <ErrorAlert error={contact.error} onRetry={() => void contact.refetch()} />
        ) : (
          <>
            {contact.data.sample && isAdmin(person) && (
              <Alert color="yellow" variant="light">
                {t('contact.sampleNotice')}{' '}
                <Anchor component={Link} to="/admin/settings">
                  {t('contact.sampleNoticeLink')}
                </Anchor>
              </Alert>
            )}
            <DetailsSection details={contact.data} />
          </>
        )}
      </Stack>
      <Stack component="section" gap="sm">
        <Title order={2}>{t('contact.casesHeading')}</Title>
        <Text>{t('contact.casesText')}</Text>
        {isContact(person) ? (
          <Anchor component={Link} to="/create-case">
            {t('contact.createCase')}
          </Anchor>
        ) : isStaff(person) ? null : (
          <Anchor component={Link} to="/login">
            {t('contact.login')}
          </Anchor>
        )}
        <Text>{t('contact.sendOnly')}</Text>
        <Text>
          {t('contact.noAccount')}{' '}
          <Anchor component={Link} to="/register/help">
            {t('contact.registrationHelp')}
          </Anchor>
        </Text>
      </Stack>
    </Stack>
  );
}
