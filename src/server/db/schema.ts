import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { SecondFactorPolicy } from '../../shared/second-factor-policies.ts';

/**
 * Table types. Times are epoch milliseconds and flags are 0/1 integers in both databases,
 * so rows read the same from SQLite and PostgreSQL.
 */
export interface Database {
  accounts: AccountsTable;
  people: PeopleTable;
  person_roles: PersonRolesTable;
  registration_requests: RegistrationRequestsTable;
  registration_help_requests: RegistrationHelpRequestsTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  one_time_codes: OneTimeCodesTable;
  mail_outbox: MailOutboxTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
  counters: CountersTable;
  products: ProductsTable;
  login_throttles: LoginThrottlesTable;
  cases: CasesTable;
  sla_warnings: SlaWarningsTable;
  inbound_mails: InboundMailsTable;
  inbound_explanations: InboundExplanationsTable;
  case_watchers: CaseWatchersTable;
  case_activities: CaseActivitiesTable;
  attachments: AttachmentsTable;
  surveys: SurveysTable;
  articles: ArticlesTable;
  article_products: ArticleProductsTable;
  article_revisions: ArticleRevisionsTable;
  article_votes: ArticleVotesTable;
  search_vocabulary: SearchVocabularyTable;
  identity_providers: IdentityProvidersTable;
  identity_provider_domains: IdentityProviderDomainsTable;
  sso_sign_ins: SsoSignInsTable;
  sso_reproofs: SsoReproofsTable;
}

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  customer_identifier: string;
  /** What every contact of the account must sign in with (auth/factor-policy.ts). */
  second_factor_policy: Generated<SecondFactorPolicy>;
  /** 1 when the vendor lets the account's own administrators manage its single sign-on provider. */
  sso_self_service: Generated<number>;
  created_at: number;
}

export type { SecondFactorPolicy } from '../../shared/second-factor-policies.ts';
/** Which factor a sign-in proved; 'sso' when the customer's provider asserted its own MFA. */
export type SecondFactor = 'email' | 'app' | 'passkey' | 'sso';

export type PersonKind = 'contact' | 'staff';
export type OtpMethod = 'email' | 'app';
export type Language = 'en' | 'ja';
export type PreferredContact = 'portal' | 'email' | 'phone';

export interface PeopleTable {
  id: Generated<number>;
  kind: PersonKind;
  account_id: number | null;
  /** Stored lower-cased; unique. */
  email: string;
  first_name: string;
  last_name: string;
  password_hash: string;
  /** 1 while the password is a temporary one that must be changed at the next login. */
  password_must_change: number;
  /**
   * When a temporary password stops signing in: its lifetime, or the moment of its first use (it
   * works once; the change that follows checks it still). Null for a password the person chose.
   */
  password_expires_at: number | null;
  /** A reset's temporary password; the old password keeps working until this one is used. */
  reset_password_hash: string | null;
  reset_expires_at: number | null;
  time_zone: string;
  country_code: string;
  phone: string;
  mobile: string;
  preferred_contact: PreferredContact;
  language: Language;
  otp_method: OtpMethod;
  totp_secret: string | null;
  /** Shown at pairing until a code from the authenticator proves it was scanned. */
  totp_pending_secret: string | null;
  /** The last TOTP time step accepted; a code of this step or earlier is never accepted again. */
  totp_last_step: number | null;
  /** Wrong second-factor codes in a row, across sign-ins; at the limit the account's sign-in stops until a password reset. */
  /** Which case mails the person receives (1) or not (0); passcode and account mails are always sent. */
  mail_case_opened: Generated<number>;
  mail_case_commented: Generated<number>;
  mail_case_resolved: Generated<number>;
  mail_case_closed: Generated<number>;
  second_factor_failures: Generated<number>;
  active: number;
  terms_version_accepted: string | null;
  terms_accepted_at: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export type Role = 'approver' | 'account_admin' | 'agent' | 'admin';

export interface PersonRolesTable {
  person_id: number;
  role: Role;
  granted_at: number;
}

export type RegistrationState = 'requested' | 'approved' | 'rejected';

export interface RegistrationRequestsTable {
  id: Generated<number>;
  number: string;
  account_id: number;
  email: string;
  first_name: string;
  last_name: string;
  time_zone: string;
  country_code: string;
  phone: string;
  mobile: string;
  preferred_contact: PreferredContact;
  language: Language;
  otp_method: OtpMethod;
  state: RegistrationState;
  decided_by: number | null;
  decided_at: number | null;
  contact_id: number | null;
  /** 1 when the request came from a sign-in at the account's provider: its approval mails no password. */
  via_sso: Generated<number>;
  created_at: number;
}

export interface RegistrationHelpRequestsTable {
  id: Generated<number>;
  name: string;
  email: string;
  company: string;
  message: string;
  language: Language;
  created_at: number;
}

/**
 * A session moves through the sign-in steps until `active`; only an active session reaches
 * anything behind the login.
 */
export type SessionStage = 'email_code' | 'totp_verify' | 'factor_required' | 'change_password' | 'totp_pair' | 'terms' | 'active';

export interface AccessTokensTable {
  id: Generated<number>;
  person_id: number;
  /** The person's label, e.g. "Monitoring". */
  name: string;
  /** SHA-256 of the token: it is random and long, so a plain hash is enough and lookups stay exact. */
  token_hash: string;
  /** Space-separated values of ACCESS_TOKEN_SCOPES (shared/access-tokens.ts). */
  scopes: string;
  created_at: number;
  expires_at: number;
  /** Written at most once a minute, like a session's last_seen_at. */
  last_used_at: number | null;
  revoked_at: number | null;
}

export type AccessToken = Selectable<AccessTokensTable>;

/** A person's WebAuthn credential; the binary values are base64url text. */
export interface PasskeysTable {
  id: Generated<number>;
  person_id: number;
  /** The person's label, e.g. "MacBook". */
  name: string;
  credential_id: string;
  /** COSE public key, as the authenticator gave it at registration. */
  public_key: string;
  /** The WebAuthn user.id the credential was made for: random, the same for all of a person's passkeys. */
  user_handle: string;
  /** The authenticator's signature counter; one going backwards means a cloned credential. */
  counter: number;
  /** Comma-separated hints (internal, usb, hybrid…) the browser gave, passed back when asking for it. */
  transports: string;
  created_at: number;
  last_used_at: number | null;
}

export type Passkey = Selectable<PasskeysTable>;

/** The challenge of a WebAuthn ceremony in progress: used once, then deleted. */
export interface WebauthnChallengesTable {
  binding: string;
  challenge: string;
  expires_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token, so a leaked table holds no usable session. */
  id: string;
  person_id: number;
  stage: SessionStage;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string;
  user_agent: string;
  /** When this sign-in last proved the password and the second factor; changes to them need it recent. */
  authenticated_at: number | null;
  /** The factor this sign-in proved; null before it proved one (or for sessions older than the policy). */
  second_factor: SecondFactor | null;
  /** Second-factor codes tried in this sign-in (or re-authentication); at the limit the session ends. */
  code_attempts: Generated<number>;
}

export interface OneTimeCodesTable {
  id: Generated<number>;
  person_id: number;
  session_id: string;
  code_hash: string;
  attempts: number;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export type MailState = 'pending' | 'sent' | 'expired';

export interface MailOutboxTable {
  id: Generated<number>;
  message_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  state: MailState;
  attempts: number;
  next_attempt_at: number;
  /** A mail not sent by then is dropped (one-time passcodes must not arrive late). */
  expires_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
  /** The signed reply address of the mail's case and reader; null: a mail no reply is taken for. */
  reply_to: string | null;
  /** RFC 3834: `auto-generated`, or `auto-replied` for an answer to an incoming mail. */
  auto_submitted: Generated<string>;
}

/** An incoming mail taken once (Message-ID or digest), with what became of it. */
export interface InboundMailsTable {
  message_key: string;
  sender: string;
  outcome: string;
  case_id: number | null;
  received_at: number;
}

/** One explanation mailed to a refused sender per hour, never more. */
export interface InboundExplanationsTable {
  address: string;
  hour: number;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  type: string;
  person_id: number | null;
  actor_id: number | null;
  email: string | null;
  ip: string | null;
  detail: string;
  /** The account the event concerns, so the audit trail can filter by it. */
  account_id: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

/** Failed logins per e-mail address (known or not, so both answer alike) and per client address. */
export interface LoginThrottlesTable {
  key: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

export interface ProductsTable {
  id: Generated<number>;
  name: string;
  active: number;
  created_at: number;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Account = Selectable<AccountsTable>;
export type RegistrationRequest = Selectable<RegistrationRequestsTable>;
export type Session = Selectable<SessionsTable>;

export type CaseState = 'new' | 'work_in_progress' | 'awaiting_info' | 'resolved' | 'closed' | 'cancelled';
export type CaseType = 'product_issue' | 'portal_issue';

export interface CasesTable {
  id: Generated<number>;
  number: string;
  account_id: number;
  contact_id: number;
  product_id: number | null;
  type: CaseType;
  /** 1 Critical, 2 High, 3 Moderate, 4 Low. */
  priority: number;
  subject: string;
  /** Number and subject folded for My Cases' text search (foldForMatching); '' for rows no search reaches. */
  search_text: Generated<string>;
  description: string;
  state: CaseState;
  assignee_id: number | null;
  follow_up_of: number | null;
  resolved_at: number | null;
  reminder_sent_at: number | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  /** When the first response falls due while its clock runs or since it passed unmet; else null (sla/case-clock.ts). */
  sla_response_due_at: Generated<number | null>;
  /** The same for resolution. */
  sla_resolution_due_at: Generated<number | null>;
  /** The earlier of the two, NO_DUE_TIME when neither: the Queue's "breaches first" order and the warning job's read. */
  sla_due_at: Generated<number>;
  /** When the first public staff reply came, once the case's priority had a first response target; else null (the dashboard's medians). */
  sla_response_at: Generated<number | null>;
  /** Business minutes the first response clock had used by then. */
  sla_response_minutes: Generated<number | null>;
  /** 1 when the first response met its target, 0 when it came late. */
  sla_response_met: Generated<number | null>;
  /** The same for resolution: when the case last entered Resolved or Closed, while it stays there. */
  sla_resolution_at: Generated<number | null>;
  sla_resolution_minutes: Generated<number | null>;
  sla_resolution_met: Generated<number | null>;
}

export type ActivityKind = 'created' | 'comment' | 'work_note' | 'state_change' | 'attachment' | 'priority_change' | 'assignment' | 'follow_up' | 'sla_recomputed';

export interface CaseActivitiesTable {
  id: Generated<number>;
  case_id: number;
  kind: ActivityKind;
  author_id: number | null;
  body: string;
  /** 1 for work notes: never shown to a contact, in a page, a mail, an API answer or a search. */
  internal: number;
  from_state: CaseState | null;
  to_state: CaseState | null;
  attachment_id: number | null;
  detail: string;
  created_at: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  /** Null while staged: uploaded before the case or comment it belongs to was sent. */
  case_id: number | null;
  uploaded_by: number;
  original_name: string;
  /** Generated; never derived from the uploaded name. */
  stored_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: number;
}

export interface SurveysTable {
  id: Generated<number>;
  case_id: number;
  contact_id: number;
  /** The case's account (copied so the dashboard reads an account's surveys from one index). */
  account_id: number;
  state: 'pending' | 'answered';
  /** The five answers, each 1 (very dissatisfied) to 5 (very satisfied); columns so SQL can average them. */
  answer_1: number | null;
  answer_2: number | null;
  answer_3: number | null;
  answer_4: number | null;
  answer_5: number | null;
  comment: string | null;
  created_at: number;
  answered_at: number | null;
}

export type Case = Selectable<CasesTable>;
export type CaseActivity = Selectable<CaseActivitiesTable>;

export type ArticleVisibility = 'public' | 'customers' | 'internal';
export type ArticleState = 'draft' | 'published' | 'retired';

export interface ArticlesTable {
  id: Generated<number>;
  number: string;
  title: string;
  /** Markdown, rendered safely (no HTML from the body runs). */
  body: string;
  language: string;
  visibility: string;
  state: string;
  author_id: number | null;
  views: Generated<number>;
  published_at: number | null;
  created_at: number;
  updated_at: number;
  /** The search generation of the last write that changed what a search finds of it (memory-index.ts). */
  search_generation: Generated<number>;
}

export interface ArticleProductsTable {
  article_id: number;
  product_id: number;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  title: string;
  body: string;
  editor_id: number | null;
  created_at: number;
}

export interface ArticleVotesTable {
  article_id: number;
  person_id: number;
  helpful: number;
  created_at: number;
}

/** English words of the search index, for correcting misspelled query words (search-index.ts). */
export interface SearchVocabularyTable {
  word: string;
  /** First and last letter and length in letters: how words close to a misspelling are found. */
  head: string;
  tail: string;
  length: number;
  /** How many indexed articles hold the word; the more, the likelier a correction. */
  articles: number;
}

/** A colleague of the contact's account following a case (CC): reads it, comments, gets its mails. */
/** One warning mailed before a target's breach: the key (case, target) lets it happen once. */
export interface SlaWarningsTable {
  case_id: number;
  target: 'first_response' | 'resolution';
  due_at: number;
  created_at: number;
}

export interface CaseWatchersTable {
  case_id: number;
  person_id: number;
  added_by: number;
  created_at: number;
}

/** An account's own OpenID Connect provider (single sign-on); one per account. */
export interface IdentityProvidersTable {
  id: Generated<number>;
  account_id: number;
  /** The issuer URL; its `/.well-known/openid-configuration` is read at each sign-in. */
  issuer: string;
  client_id: string;
  /** AES-256-GCM under a key derived from the server key (sso/secret-box.ts); never shown again. */
  client_secret_encrypted: string;
  /** Space-separated `acr` values that mean the provider checked a second factor. */
  mfa_acr_values: string;
  created_at: number;
  updated_at: number;
}

/** An e-mail domain and the one provider its addresses sign in with. */
export interface IdentityProviderDomainsTable {
  /** Lower-cased, e.g. `example.co.jp`. */
  domain: string;
  provider_id: number;
}

/** A sign-in sent to a provider and not yet back: what its answer is checked against, used once. */
export interface SsoSignInsTable {
  state_hash: string;
  provider_id: number;
  /** The address typed on the login page. */
  email: string;
  nonce: string;
  code_verifier: string;
  expires_at: number;
  /** Set when a signed-in session started it to confirm it is them ("Confirm it's you"): the session's id. */
  session_id: string | null;
  /** Where to send the browser back after confirming: a path of this origin. */
  return_to: string | null;
}

/** A session's proof at its provider that asserted no second factor: it stands in for the password, until the portal's second factor follows. */
export interface SsoReproofsTable {
  session_id: string;
  proven_at: number;
  expires_at: number;
}

export type IdentityProvider = Selectable<IdentityProvidersTable>;
