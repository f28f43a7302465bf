import { h3, ol, p, ul, type HelpContent } from './content.ts';

/** Portal Help in English. */
export const helpEn: HelpContent = {
  intro:
    'This guide explains how to use Caseway, the customer support portal: registering, logging in, opening and following support cases, answering surveys and searching the knowledge base. The labels in bold are the ones you see on the screens.',
  sections: [
    {
      id: 'getting-started',
      title: 'Getting started',
      blocks: [
        p('The menu at the top of every page leads to the parts of the portal. Before you log in it offers:'),
        ul(
          '[[nav.login]] — log in to the portal with your e-mail address and password.',
          '[[nav.register]] — request a portal account for yourself (once).',
          '[[nav.contactUs]] — how to reach the support team.',
          '[[nav.knowledgeBase]] — search articles about the products and solutions to known problems.',
          '[[nav.portalHelp]] — this guide.',
        ),
        p('After you log in, the menu also offers [[nav.myCases]] (your support cases), [[nav.createCase]] (open a new case) and [[nav.surveys]] (satisfaction surveys about closed cases). The menu under your name, at the top right, holds [[nav.logout]] and, if you review registrations, [[nav.registrationRequests]]. On a narrow screen the menu opens from the button with three lines.'),
        p('The [[layout.language]] selector in the header switches the portal between English and Japanese. Your choice is remembered on this browser.'),
      ],
    },
    {
      id: 'registration',
      title: 'Registration',
      blocks: [
        p('You register once. Registration needs two people: you fill in the form, and a registration approver of your own organisation approves the request.'),
        p('Before you start, have your organisation’s **Customer Identifier** at hand. It is a code of 10 characters such as `ABCDE-23456`; you may type it with or without the dash and in upper or lower case. Your account administrator knows it. If you want to use an authenticator app for the second login step, install one on your phone first (for example Google Authenticator or Microsoft Authenticator).'),
        ol(
          'Click [[nav.register]] in the menu. The page [[registration.choice.title]] opens.',
          'Choose [[registration.choice.withIdentifier]].',
          'Fill in [[registration.form.customerIdentifier]], [[registration.form.firstName]], [[registration.form.lastName]], [[registration.form.email]], [[registration.form.timeZone]] (type part of a city, for example Tokyo), [[registration.form.countryCode]] (for example Japan +81), [[registration.form.phone]], [[registration.form.mobile]] (optional), [[registration.form.preferredContact]] and [[registration.form.language]]. The language you choose is used for the portal and for the e-mails you receive.',
          'Under [[registration.form.otpMethod]], choose how you receive the one-time code at each login: [[registration.otpMethods.app]] (a code from an app on your phone) or [[registration.otpMethods.email]] (a code sent to your Business Email).',
          'Click [[common.submit]]. The portal confirms that your registration request (a number starting with `REG`) was sent to your organisation’s registration approvers.',
          'When an approver has approved the request, you receive the e-mail `Customer Registration Processed` with a temporary password. Log in with it as described under Logging in. If the request is rejected, you are told by e-mail as well.',
        ),
        p('If you have no Customer Identifier, or nobody in your organisation approves registrations yet, choose [[registration.choice.help]] on the registration page ([Get help with registration](/register/help)). Tell us your name, Business Email, company and what you need; the support team answers by e-mail. This form does not create an account.'),
      ],
    },
    {
      id: 'approvers',
      title: 'For registration approvers',
      blocks: [
        p('Registration approvers and account administrators decide on the registration requests of their own organisation. Every approver receives an e-mail with the subject `Registration request for {your organisation} requires your review`. It lists the applicant’s name, e-mail address, time zone, phone numbers and preferred contact method, and links to the request.'),
        ol(
          'Open the link in the mail (log in first if asked). The page [[registration.request.title]] shows the state of the request and the applicant’s details.',
          'If you know the applicant and the request is right, click [[registration.request.approve]]. The applicant receives a temporary password by e-mail.',
          'Otherwise click [[registration.request.reject]] and confirm. The applicant is told by e-mail that the request was rejected.',
        ),
        p('A request is decided once: after one approver has approved or rejected it, the decision cannot be changed, and the other approvers see who decided and when. All requests of your organisation and their states are listed under [[nav.registrationRequests]] in the menu under your name.'),
      ],
    },
    {
      id: 'login',
      title: 'Logging in and two-factor authentication',
      blocks: [
        p('Click [[nav.login]], enter your [[login.email]] and [[login.password]] and click [[common.submit]]. Then the portal asks for the second factor you chose at registration.'),
        h3('With Email'),
        p('The message [[login.emailCodeRequired]] appears and a 6-digit code is sent to your e-mail address (subject `One-time passcode for {your name}`). Enter it in [[login.oneTimePasscode]] and click [[common.submit]]. The code is valid for 10 minutes and can be used once; after 5 wrong tries it no longer works. Click [[login.sendNewCode]] to receive a new one.'),
        h3('With the Authenticator App'),
        p('At your first login the page [[pair.title]] appears:'),
        ol(
          'Open the authenticator app on your phone and add an account by scanning the QR code on the page. If you cannot scan it, type the key shown below the code into the app instead. The app then shows an entry for Caseway.',
          'Enter the 6-digit code the app shows under [[pair.step3]] and click [[pair.submit]]. The code changes every 30 seconds, so enter it before it changes.',
        ),
        p('At later logins the page [[verify.title]] asks for the [[verify.code]] that the app shows for Caseway. After 5 wrong codes the login starts again with your password.'),
        h3('The first login'),
        p('A temporary password works once and for 7 days (60 minutes when it comes from [[login.forgot]]). After logging in with it, the page [[changePassword.title]] appears. Enter the temporary password as [[changePassword.current]], and your own password as [[changePassword.new]] and [[changePassword.confirm]]. A password needs at least 12 characters and must not be a common password; there are no other rules, so a phrase of several words is a good choice. At the end of the first login you are shown the terms of use; click [[terms.accept]] to start using the portal.'),
        h3('Logging out and locked logins'),
        p('To log out, click your name at the top right and then [[nav.logout]]. After repeated failed attempts the login is locked for a while; wait a few minutes and try again, or reset your password. Failed attempts by others do not lock the login on a browser you have logged in with before.'),
        p('If wrong codes are entered 20 times in a row for your account, the login stops until you reset your password with [[login.forgot]]: the temporary password it mails you lets you log in again, with your second factor as usual.'),
        h3('Changing your password or second factor'),
        p('Under **My Account** you change your password and your second factor. If you logged in more than a few minutes ago, the portal first asks [[account.confirm.title]]: enter your password and click [[account.confirm.continue]], then enter the code of your second factor (a new one-time passcode is sent to you by e-mail, or the code your authenticator app shows) and click [[account.confirm.submit]]. The change you asked for then goes ahead. This keeps someone who finds your browser signed in from taking over your account.'),
      ],
    },
    {
      id: 'single-sign-on',
      title: 'Single sign-on with your organisation’s account',
      blocks: [
        p('Your organisation may have the portal sign you in with its own sign-in service (single sign-on), the same one you use for e-mail and other work applications. Your account administrator or the support team tells you if it does.'),
        ol(
          'Click [[nav.login]] and enter your [[login.email]]. When you leave the field, the portal recognises your organisation’s domain and shows [[sso.continue]] instead of the password.',
          'Click [[sso.continue]]. Your organisation’s sign-in page opens; sign in there as usual.',
          'You come back to the portal signed in. If your organisation’s sign-in already checked a second factor (a code, an app or a security key), the portal does not ask again; otherwise it asks for your own second factor as described under Logging in.',
        ),
        p('If you are not yet registered on the portal, your first single sign-on sends a registration request to your organisation’s registration approver. The page tells you that the request waits for approval, and you receive an e-mail once it is decided. The approval e-mail `Customer Registration Processed` carries no password: you have none on the portal and need none. Sign in the same way, with [[sso.continue]] on the login page. Should you ever need a portal password (for example while your organisation’s sign-in service is down), use [[login.forgot]].'),
        p('If your organisation’s sign-in service cannot be reached, the login page says so; try again later. [[sso.usePassword]] brings back the password field, for example if you also have a portal password. The vendor’s support staff always sign in with their password.'),
        p('When the portal asks [[account.confirm.title]] (for example before you add a passkey or create an API token, if you logged in more than a few minutes ago), you do not need a portal password: click **Sign in again at** your organisation’s name. Your organisation’s sign-in page asks you to sign in again, even if you are still signed in there, and you come back to the page you were on, which says you confirmed it’s you. Then do what you were doing within the next few minutes. If your organisation’s sign-in did not check a second factor, the portal asks for its own code first, as after a password. Sign in there as yourself: an answer for someone else, or one from a sign-in that was not just now, is refused and nothing changes.'),
        h3('Managing your organisation’s single sign-on'),
        p('The support team registers your organisation’s sign-in service on the portal. They can also let your account administrators manage it themselves ([[sso.admin.selfService]]). Your account administrator then finds [[sso.admin.heading]] on the **Contacts** page:'),
        ol(
          'At your organisation’s sign-in service, register the portal as a confidential web application with the [[sso.admin.redirectUri]] the page shows and the scopes openid, email and profile.',
          'Enter the [[sso.admin.issuer]], [[sso.admin.clientId]], [[sso.admin.clientSecret]] and the [[sso.admin.domains]] of your organisation’s addresses, and click [[sso.admin.save]]. The client secret is never shown again; leave it empty later to keep it. [[sso.admin.remove]] sends everyone back to their password.',
          'Since this changes how everyone in your account signs in, the portal first asks [[account.confirm.title]] if you logged in more than a few minutes ago.',
        ),
        p('A domain in which another customer already has people cannot be taken this way: the page names it. If it is your organisation’s domain, ask the support team. Every change is recorded with who made it.'),
      ],
    },
    {
      id: 'forgot-password',
      title: 'Forgot your password?',
      blocks: [
        ol(
          'On the login page, click [[login.forgot]].',
          'Enter the e-mail address of your portal account and click [[common.submit]]. The portal always answers “[[forgot.sent]]”, so that nobody can find out which addresses are registered.',
          'If the address is registered, you receive the e-mail `Customer Reset Password` with a temporary password. It is valid for 60 minutes. Your old password keeps working until you use the temporary one.',
          'Log in with the temporary password. The page [[changePassword.title]] then asks you to choose a new password, as at the first login.',
        ),
      ],
    },
    {
      id: 'passkeys',
      title: 'Passkeys',
      blocks: [
        p('A passkey lets you log in with the screen lock of your computer or phone (fingerprint, face or PIN) instead of your password and one-time code. It works only on this portal, so a fake site cannot trick you into giving it away, and it counts as both steps of the login.'),
        h3('Adding a passkey'),
        ol(
          'Under **My Account**, in [[passkeys.title]], enter a [[passkeys.name]] that tells you where the passkey is kept, for example `MacBook` or `Work phone`.',
          'Click [[passkeys.add]] and follow your browser: it asks you to unlock the device or choose where to save the passkey. If you logged in more than a few minutes ago, the portal first asks [[account.confirm.title]].',
          'The passkey appears in the list with the date it was added and when it was [[passkeys.lastUsed]]. Add one on each device you log in from.',
        ),
        h3('Logging in with a passkey'),
        p('On the login page, click [[passkeys.signIn]] and unlock your device when the browser asks. You type no e-mail address, password or code. The first-login steps still apply: a temporary password must be changed, and new terms of use must be accepted.'),
        p('After entering your password you can also click [[passkeys.useInstead]] on the code step instead of entering the one-time passcode or the authenticator code.'),
        h3('Renaming and removing'),
        p('Click [[passkeys.rename]] next to a passkey to change its name. Click [[passkeys.remove]] when you no longer have the device; removing, like adding, may first ask [[account.confirm.title]]. A removed passkey no longer logs you in. Your password and second factor keep working either way.'),
        p('If you lose the device, remove its passkey from another device. If you can no longer log in at all, use [[login.forgot]]: resetting the password keeps your passkeys.'),
      ],
    },
    {
      id: 'second-factor-rule',
      title: 'Your organisation’s sign-in rule',
      blocks: [
        p('Your account administrator can decide what everyone in your organisation must use as the second login step. The rule is set on the **Contacts** page, under [[factorPolicy.heading]], with [[factorPolicy.label]]: [[factorPolicy.options.any]], [[factorPolicy.options.app_or_passkey]] (no e-mailed codes), or [[factorPolicy.options.passkey_only]]. The vendor’s administrators can set it too. Whenever the rule changes, stricter or looser, the account’s administrators get an e-mail that says which; an unexpected loosening is worth checking. If you logged in more than a few minutes ago, saving the rule first asks [[account.confirm.title]].'),
        p('The **Contacts** list shows, for each person, what they have set up and whether it [[factorPolicy.meets]] or [[factorPolicy.fails]].'),
        h3('When the rule asks for more than you use'),
        ol(
          'Log in as usual. If you already have what the rule asks for (a passkey, or an authenticator app where the rule allows one), the portal asks for it right after your password, with no code e-mailed.',
          'Otherwise, after your usual one-time passcode the page [[requiredFactor.title]] opens. Pair an authenticator app with the same steps as [[pair.title]], or click [[requiredFactor.addPasskey]].',
          'Nothing else opens until you have done so. If you were already logged in when the rule changed, the portal takes you to this page at your next click.',
        ),
        p('While the rule is stricter than [[factorPolicy.options.any]], **My Account** does not let you switch back to e-mailed codes, and under [[factorPolicy.options.passkey_only]] you cannot remove your last passkey. [[account.confirm.title]] then asks for your passkey instead of an e-mailed code. If your organisation signs you in through its own identity provider with its own second step, that counts as meeting the rule.'),
      ],
    },
    {
      id: 'cases',
      title: 'Support cases',
      blocks: [
        h3('Creating a case'),
        ol(
          'Click [[nav.createCase]] in the menu.',
          'Under [[cases.create.type]], choose [[cases.types.product_issue]] for a question about a product, or [[cases.types.portal_issue]] for a question about this portal (such as your portal account or its roles).',
          'Under [[cases.create.product]], type part of the product name, for example Sentinel, and choose the product from the list. A Customer Support Portal Issue needs no product.',
          'Choose the [[cases.create.priority]]: [[cases.priorities.critical]], [[cases.priorities.high]], [[cases.priorities.moderate]] or [[cases.priorities.low]]. [[cases.priorities.moderate]] suits most questions; choose [[cases.priorities.critical]] only when your production is down.',
          'Write a clear [[cases.create.subject]]. While you type it, knowledge articles that may answer your question are suggested.',
          'Describe the problem under [[cases.create.description]] in as much detail as you can, including the product version.',
          'If screenshots or log files help, use [[cases.create.attachments]]. Each file may be up to 25 MB unless your vendor has set another limit.',
          'Click [[common.submit]]. The portal answers, for example, “Created `CS0000123`” with a link to the case.',
        ),
        p('The case appears in [[nav.myCases]] at once, and you receive the e-mail `Case CS0000123 opened - {subject}`.'),
        h3('My Cases'),
        p('[[cases.list.title]] lists your cases, most recently updated first, with the columns [[cases.columns.number]], [[cases.columns.product]], [[cases.columns.subject]], [[cases.columns.priority]], [[cases.columns.state]], [[cases.columns.account]] and [[cases.columns.updated]]. Filters narrow the list by state or text, and the list can be sorted. Account administrators can switch between [[cases.list.mine]] and [[cases.list.account]]. Click a case number to open the case.'),
        h3('The case page'),
        ul(
          '[[cases.details.title]] shows the account, contact, product, priority, state and dates. Times are shown in your time zone.',
          '[[cases.activity.title]] shows the comments, state changes and attachments in order of time.',
          'To add information, write it under [[cases.comment.label]] and click [[cases.comment.send]]. The support team is notified.',
          'Under [[attachments.title]] you can drop files or choose them to share them with the support team.',
        ),
        h3('States of a case'),
        ul(
          '[[cases.states.new]] — you have submitted the case; the support team has not started on it yet.',
          '[[cases.states.work_in_progress]] — a support engineer is working on the case. A case also returns to this state when you answer a request for information or reject a solution.',
          '[[cases.states.awaiting_info]] — the support team needs information from you. Answer with a comment.',
          '[[cases.states.resolved]] — the support team has proposed a solution and waits for your answer.',
          '[[cases.states.closed]] — the case is finished: you accepted the solution or closed the case, the support team closed it, or a resolved case received no answer.',
          '[[cases.states.cancelled]] — the support team cancelled a case that was opened by mistake.',
        ),
        h3('Answering a solution and closing a case'),
        p('When a case is [[cases.states.resolved]], the box [[cases.answer.title]] appears on the case page. Click [[cases.answer.accept]] if the solution works; the case is closed. If it does not, click [[cases.answer.reject]] and explain why in a comment (the comment is required); the case goes back to [[cases.states.work_in_progress]]. If you do not answer, the case is closed automatically after 10 days; a reminder is sent halfway.'),
        p('You can also close a case yourself at any time, for example when the problem has gone away, with [[cases.close.button]]. A comment is optional.'),
        p('Closed and cancelled cases cannot be reopened and take no more comments. If the problem comes back, open the closed case and click [[cases.final.followUp]]: a new case is prepared with the details of the old one and linked to it.'),
        h3('Response and resolution targets'),
        p('If your vendor has set service targets, [[cases.details.title]] on the case page shows [[sla.firstResponseDue]] (when the support team answers first) and [[sla.resolutionTarget]] (when a solution is proposed), in your time zone, and whether each was [[sla.status.met]] or [[sla.status.missed]]. The targets depend on the priority and count business time only: the vendor’s working hours, without weekends, Japanese public holidays and the vendor’s own closing days. While a case is [[cases.states.awaiting_info]] or [[cases.states.resolved]], the clock stops, because the next step is yours; it starts again with the time that was left when you answer or reject the solution. When the priority changes, the times are computed again and [[cases.activity.title]] says so.'),
        h3('E-mails about your case'),
        p('The portal sends you an e-mail when your case is opened (`Case CS0000123 opened - …`), when a comment is added (`Case CS0000123 comments added`), when it has been resolved (`Case CS0000123 has been resolved`) and when it has been closed (`Case CS0000123 has been closed`). Each mail links to the case. These mails are send-only: replies are not received. To answer, log in and add a comment to the case.'),
      ],
    },
    {
      id: 'surveys',
      title: 'Surveys',
      blocks: [
        p('When a case is closed, we ask you about the support you received: five multiple-choice questions and an optional comment. You receive an invitation by e-mail, and the survey waits under [[nav.surveys]] in the menu, where you also find the surveys you have already answered. Your answers help us to improve our support.'),
      ],
    },
    {
      id: 'dashboard',
      title: 'The account’s dashboard (account administrators)',
      blocks: [
        p('Account administrators find [[nav.dashboard]] in the menu: your organisation’s support cases at a glance, over the last 30 days, 90 days, 12 months or two days you choose (**Custom**). Days and weeks are counted in the time zone of your profile, and a week starts on Monday.'),
        ul(
          '**Open cases** by state, by priority and by product: the cases open now, whatever the period.',
          '**Cases opened and closed per week** in the period (a cancelled case is not counted as closed).',
          '**Time to first response** and **time to resolution**: for each priority, the median business time it took (half of the cases were quicker, half slower) next to the service target, and how many first responses or solutions in the period met it. Business time counts only the vendor’s working hours and stops while a case waits for your answer, as the targets on the case page do. “No target” means the vendor sets none for that priority.',
          '**Satisfaction trend**: the surveys answered each week and their average answer to “How satisfied were you with the support overall?”, from 1 (very dissatisfied) to 5 (very satisfied), and the latest comments.',
        ),
        p('Beside each chart, a table holds the same numbers (screen readers read the table), and **Download CSV** saves that table as a file that spreadsheets open in English or Japanese alike. The vendor’s administrators see the same dashboard for any account, or for every account together.'),
      ],
    },
    {
      id: 'knowledge-base',
      title: 'Knowledge Base',
      blocks: [
        p('Many questions have been answered before. Use the search box on the home page or click [[nav.knowledgeBase]] in the menu, and type a product name or a few words about the problem. The search finds articles in Japanese and English and shows the best matches first. Some articles are visible only after you log in.'),
      ],
    },
    {
      id: 'api-tokens',
      title: 'Connecting other systems (API tokens)',
      blocks: [
        p('Other systems, such as a monitoring tool that opens cases or a CRM that copies them, can use the portal through its API with a personal access token. Make one under **My Account**, in the section [[account.tokens.title]]: give it a name, choose its [[account.tokens.scopes]] and when it expires (30, 90 or 365 days).'),
        ul(
          'The token is shown only once, right after you make it: copy it then and keep it as you would a password. The portal keeps only a fingerprint of it and cannot show it again.',
          'The other system sends it in the header `Authorization: Bearer cw_pat_…`. It acts as you: it sees only the cases you see, and only what its scopes allow (`cases:read`, `cases:write`, `kb:read`, `profile:read`).',
          'A token cannot make other tokens, change your password or second factor, or do anything an administrator does; for that, log in to the portal.',
          'The list shows when each token was made, when it expires and when it was last used. [[account.tokens.revoke]] stops a token at once. Tokens stop working too when they expire or when your access to the portal is deactivated.',
          'The API is described in `/api/openapi.json`, from which most tools can generate a client.',
        ),
      ],
    },
    {
      id: 'faq',
      title: 'Frequently asked questions',
      blocks: [
        h3('Can I change my e-mail address and other details?'),
        p('Yes. Your e-mail address is changed by the vendor: tell us your old and new address (see [Contact Us](/contact-us)), or open a case of type [[cases.types.portal_issue]]. Your time zone, phone numbers, preferred contact method, language, password and second-factor method you change yourself under **My Account**.'),
        h3('Is support available in Japanese and English?'),
        p('Yes. Write in the language in which you want the answer. If you want the answer in English, write the [[cases.create.subject]] and the [[cases.create.description]] in English only.'),
        h3('How do I become an account administrator?'),
        p('Open a case of type [[cases.types.portal_issue]] and say who in your organisation should become an account administrator or a registration approver.'),
        h3('What can account administrators do?'),
        p('Account administrators approve or reject registration requests of their organisation, list the contacts of the account, deactivate and reactivate them, grant and revoke the registration approver and administrator roles, and see and comment on every case of the account.'),
      ],
    },
  ],
};
