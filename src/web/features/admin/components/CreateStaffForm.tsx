import { Alert, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NameFields } from '../../../components/NameFields.tsx';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { ApiError } from '../../../lib/api.ts';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import * as rules from '../../../lib/validation.tsx';
import { useCreateStaff, type NewStaff, type StaffMember } from '../api/staff.ts';
import { CopyValue } from './CopyValue.tsx';
import { fullName } from '../../../lib/session.ts';
import { StaffLanguageRadios } from './StaffLanguageRadios.tsx';

const ROLES = ['agent', 'admin'] as const;
const OTP_METHODS = ['email', 'app'] as const;

const HINTS: Record<string, string> = {
  email: 'validation.emailInvalid',
  firstName: 'validation.required',
  lastName: 'validation.required',
  role: 'validation.choose',
  otpMethod: 'validation.choose',
  language: 'validation.choose',
  timeZone: 'validation.choose',
};

/**
 * "New staff member": an agent or administrator with a temporary password, shown here once (as
 * `caseway staff create` prints it) for the administrator to hand over; it is changed at the first login.
 */
export function CreateStaffForm() {
  const { t } = useTranslation();
  const create = useCreateStaff();
  const [created, setCreated] = useState<{ staff: StaffMember; temporaryPassword: string } | null>(null);
  const form = useForm<Required<NewStaff>>({
    initialValues: { role: 'agent', email: '', firstName: '', lastName: '', otpMethod: 'email', language: 'en', timeZone: '' },
    validate: { email: rules.email, firstName: rules.name, lastName: rules.name },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, HINTS);

  const submit = form.onSubmit(async (values) => {
    clearError();
    setCreated(null);
    try {
      setCreated(await create.mutateAsync({ ...values, email: values.email.trim(), firstName: values.firstName.trim(), lastName: values.lastName.trim(), timeZone: values.timeZone || undefined }));
      form.reset();
    } catch (error) {
      // The shared message speaks to an applicant ("Log in…"); here an administrator needs another address.
      if (error instanceof ApiError && error.messageKey === 'errors.emailRegistered') form.setFieldError('email', <Msg k="admin.staff.emailTaken" />);
      else showError(error);
    }
  });

  return (
    <Stack gap="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Radio.Group label={t('admin.staff.role')} {...form.getInputProps('role')}>
            <Group mt="xs" gap="lg">
              {ROLES.map((role) => (
                <Radio key={role} value={role} label={t(`admin.staff.roles.${role}`)} />
              ))}
            </Group>
          </Radio.Group>
          <TextInput label={t('admin.staff.email')} type="email" autoComplete="off" maxLength={254} {...form.getInputProps('email')} />
          <NameFields
            firstName={<TextInput key="first" label={t('admin.staff.firstName')} autoComplete="off" maxLength={100} {...form.getInputProps('firstName')} />}
            lastName={<TextInput key="last" label={t('admin.staff.lastName')} autoComplete="off" maxLength={100} {...form.getInputProps('lastName')} />}
          />
          <Radio.Group label={t('admin.staff.otpMethod')} {...form.getInputProps('otpMethod')}>
            <Group mt="xs" gap="lg">
              {OTP_METHODS.map((method) => (
                <Radio key={method} value={method} label={t(`admin.staff.otpMethods.${method}`)} />
              ))}
            </Group>
          </Radio.Group>
          <StaffLanguageRadios {...form.getInputProps('language')} />
          <TimeZoneSelect label={t('admin.staff.timeZone')} description={t('admin.staff.timeZoneHint')} clearable w={{ base: '100%', sm: 360 }} {...form.getInputProps('timeZone')} />
          <FormError message={formError} />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('admin.staff.create')}
          </Button>
        </Stack>
      </form>
      <div role="status">
        {created && (
          <Alert color="green" variant="light" title={t('admin.staff.created', { name: fullName(created.staff) })}>
            <Stack gap="xs">
              <CopyValue value={created.temporaryPassword} label={t('admin.staff.temporaryPassword')} />
              <Text>{t('admin.staff.temporaryPasswordHint', { email: created.staff.email })}</Text>
            </Stack>
          </Alert>
        )}
      </div>
    </Stack>
  );
}
