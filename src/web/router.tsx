import { createBrowserRouter } from 'react-router';
import { RequirePerson } from './components/PersonGate.tsx';
import { RequireActive } from './components/StageGate.tsx';
import { RouteError } from './components/RouteError.tsx';
import { MyAccountPage } from './features/account/pages/MyAccountPage.tsx';
import { AdminLayout } from './features/admin/components/AdminLayout.tsx';
import { AccountPage } from './features/admin/pages/AccountPage.tsx';
import { AuditPage } from './features/admin/pages/AuditPage.tsx';
import { AccountsPage } from './features/admin/pages/AccountsPage.tsx';
import { AdministrationPage } from './features/admin/pages/AdministrationPage.tsx';
import { HelpRequestsPage } from './features/admin/pages/HelpRequestsPage.tsx';
import { ProductsPage } from './features/admin/pages/ProductsPage.tsx';
import { SettingsPage } from './features/admin/pages/SettingsPage.tsx';
import { StaffPage } from './features/admin/pages/StaffPage.tsx';
import { ChangePasswordPage } from './features/auth/pages/ChangePasswordPage.tsx';
import { ForgotPasswordPage } from './features/auth/pages/ForgotPasswordPage.tsx';
import { LoginPage } from './features/auth/pages/LoginPage.tsx';
import { PairAuthenticatorPage } from './features/auth/pages/PairAuthenticatorPage.tsx';
import { RequiredFactorPage } from './features/auth/pages/RequiredFactorPage.tsx';
import { SsoResultPage } from './features/auth/pages/SsoResultPage.tsx';
import { TermsPage } from './features/auth/pages/TermsPage.tsx';
import { VerifyIdentityPage } from './features/auth/pages/VerifyIdentityPage.tsx';
import { CasePage } from './features/cases/pages/CasePage.tsx';
import { CreateCasePage } from './features/cases/pages/CreateCasePage.tsx';
import { MyCasesPage } from './features/cases/pages/MyCasesPage.tsx';
import { QueuePage } from './features/cases/pages/QueuePage.tsx';
import { ContactUsPage } from './features/contact/pages/ContactUsPage.tsx';
import { ContactsPage } from './features/contacts/pages/ContactsPage.tsx';
import { DevMailboxPage } from './features/dev/pages/DevMailboxPage.tsx';
import { PortalHelpPage } from './features/help/pages/PortalHelpPage.tsx';
import { HomePage } from './features/home/pages/HomePage.tsx';
import { ArticlePage } from './features/knowledge/pages/ArticlePage.tsx';
import { EditArticlePage, NewArticlePage } from './features/knowledge/pages/ArticleEditPage.tsx';
import { KnowledgeBasePage } from './features/knowledge/pages/KnowledgeBasePage.tsx';
import { NotFoundPage } from './features/placeholders/pages/NotFoundPage.tsx';
import { RegisterChoicePage } from './features/registration/pages/RegisterChoicePage.tsx';
import { RegisterFormPage } from './features/registration/pages/RegisterFormPage.tsx';
import { RegisterHelpPage } from './features/registration/pages/RegisterHelpPage.tsx';
import { RegistrationRequestPage } from './features/registration/pages/RegistrationRequestPage.tsx';
import { RegistrationRequestsPage } from './features/registration/pages/RegistrationRequestsPage.tsx';
import { SurveyPage } from './features/surveys/pages/SurveyPage.tsx';
import { SurveysPage } from './features/surveys/pages/SurveysPage.tsx';
import { SurveySummaryPage } from './features/surveys/pages/SurveySummaryPage.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { isAccountAdmin, isAdmin, isContact, isStaff } from './lib/session.ts';

/** Every page of the portal. Pages under RequireActive need a finished sign-in; some are for contacts, staff or administrators only. */
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'login/verify', element: <VerifyIdentityPage /> },
      { path: 'login/change-password', element: <ChangePasswordPage /> },
      { path: 'login/pair', element: <PairAuthenticatorPage /> },
      { path: 'login/required-factor', element: <RequiredFactorPage /> },
      { path: 'login/terms', element: <TermsPage /> },
      { path: 'login/sso', element: <SsoResultPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'register', element: <RegisterChoicePage /> },
      { path: 'register/form', element: <RegisterFormPage /> },
      { path: 'register/help', element: <RegisterHelpPage /> },
      { path: 'kb', element: <KnowledgeBasePage /> },
      { path: 'kb/:number', element: <ArticlePage /> },
      { path: 'help', element: <PortalHelpPage /> },
      { path: 'contact-us', element: <ContactUsPage /> },
      { path: 'dev/mailbox', element: <DevMailboxPage /> },
      {
        element: <RequireActive />,
        children: [
          { path: 'my-account', element: <MyAccountPage /> },
          { path: 'cases/:number', element: <CasePage /> },
          { path: 'registration-requests', element: <RegistrationRequestsPage /> },
          { path: 'registration-requests/:number', element: <RegistrationRequestPage /> },
          {
            element: <RequirePerson allow={isContact} />,
            children: [
              { path: 'my-cases', element: <MyCasesPage /> },
              { path: 'create-case', element: <CreateCasePage /> },
              { path: 'surveys', element: <SurveysPage /> },
              { path: 'surveys/:id', element: <SurveyPage /> },
            ],
          },
          {
            element: <RequirePerson allow={isAccountAdmin} />,
            children: [{ path: 'contacts', element: <ContactsPage /> }],
          },
          {
            element: <RequirePerson allow={isStaff} />,
            children: [
              { path: 'queue', element: <QueuePage /> },
              { path: 'kb/new', element: <NewArticlePage /> },
              { path: 'kb/:number/edit', element: <EditArticlePage /> },
              { path: 'surveys/summary', element: <SurveySummaryPage /> },
            ],
          },
          {
            element: <RequirePerson allow={isAdmin} />,
            children: [
              {
                path: 'admin',
                element: <AdminLayout />,
                children: [
                  { index: true, element: <AdministrationPage /> },
                  { path: 'accounts', element: <AccountsPage /> },
                  { path: 'accounts/:id', element: <AccountPage /> },
                  { path: 'staff', element: <StaffPage /> },
                  { path: 'products', element: <ProductsPage /> },
                  // The one list of requests, which shows an administrator every account's, inside the administration menu.
                  { path: 'registration-requests', element: <RegistrationRequestsPage /> },
                  { path: 'registration-help', element: <HelpRequestsPage /> },
                  { path: 'settings', element: <SettingsPage /> },
                  { path: 'audit', element: <AuditPage /> },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
