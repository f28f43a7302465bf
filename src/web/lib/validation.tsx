import { NAME_MAX, PHONE_PATTERN } from '../../shared/reference.ts';
import { Msg } from './errors.tsx';
import { EMAIL_PATTERN } from './forms.ts';

/* Client-side checks mirroring the server's schema, so most mistakes are named in the viewer's language. */

export const required = (value: string) => (value.trim() ? null : <Msg k="validation.required" />);

export const chosen = (value: string | null) => (value ? null : <Msg k="validation.choose" />);

export const name = (value: string) =>
  !value.trim() ? <Msg k="validation.required" /> : value.trim().length > NAME_MAX ? <Msg k="validation.tooLong" values={{ max: NAME_MAX }} /> : null;

export const maxLength = (max: number) => (value: string) =>
  !value.trim() ? <Msg k="validation.required" /> : value.trim().length > max ? <Msg k="validation.tooLong" values={{ max }} /> : null;

export const email = (value: string) =>
  !value.trim() ? <Msg k="validation.emailRequired" /> : EMAIL_PATTERN.test(value.trim()) ? null : <Msg k="validation.emailInvalid" />;

export const phone = (value: string) => (!value.trim() ? <Msg k="validation.required" /> : PHONE_PATTERN.test(value.trim()) ? null : <Msg k="validation.phone" />);

export const optionalPhone = (value: string) => (!value.trim() || PHONE_PATTERN.test(value.trim()) ? null : <Msg k="validation.phone" />);

/** 10 letters and digits, with or without the dash and in any case, as the server accepts it. */
export const customerIdentifier = (value: string) => {
  const compact = value.replace(/[\s-]/g, '');
  if (!compact) return <Msg k="validation.required" />;
  return /^[A-Za-z0-9]{10}$/.test(compact) ? null : <Msg k="validation.identifier" />;
};
