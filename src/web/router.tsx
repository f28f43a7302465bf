import type { ComponentType } from 'react';
import { createBrowserRouter, createPath } from 'react-router';
import { RequirePerson } from './components/PersonGate.tsx';
import { RequireActive } from './components/StageGate.tsx';
import { RouteError } from './components/RouteError.tsx';
import { loadStrings } from './i18n/index.ts';
import type { MessagePart } from './i18n/load.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { reloadingForNewRelease, reloadOnMissingCode } from './lib/newRelease.ts';
import { isAccountAdmin, isAdmin, isContact, isStaff } from './lib/session.ts';

/**
 * A page whose code is fetched when it is first shown (issue 22), so a visit to /login does not
 * download every other page. While it loads, the layout shows a skeleton (AppLayout); if its code
 * is gone since a release, the skeleton stays while the page is loaded anew (lib/newRelease.ts).
 * What it shows beyond the frame comes alongside: the parts of the strings it names
 * (i18n/load.ts) and the styles of Mantine's other components (mantine-page-styles.ts); a page
 * that shows only what the frame has (`'frame'`) waits for neither.
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType, shows: 'frame' | readonly MessagePart[] = ['pages']) {
  return async () => {
    try {
      const [module] = await Promise.all([load(), shows !== 'frame' && loadStrings(shows), shows !== 'frame' && import('./mantine-page-styles.ts')]);
      return { Component: pick(module) };
    } catch (error) {
      if (reloadingForNewRelease()) return new Promise<never>(() => {});
      throw error;
    }
  };
}

const loadMyAccountPage = page(() => import('./features/account/pages/MyAccountPage.tsx'), (m) => m.MyAccountPage);
const loadAdminLayout = page(() => import('./features/admin/components/AdminLayout.tsx'), (m) => m.AdminLayout);
const loadAccountPage = page(() => import('./features/admin/pages/AccountPage.tsx'), (m) => m.AccountPage);
const loadAuditPage = page(() => import('./features/admin/pages/AuditPage.tsx'), (m) => m.AuditPage);
const loadAccountsPage = page(() => import('./features/admin/pages/AccountsPage.tsx'), (m) => m.AccountsPage);
const loadAdministrationPage = page(() => import('./features/admin/pages/AdministrationPage.tsx'), (m) => m.AdministrationPage);
const loadHelpRequestsPage = page(() => import('./features/admin/pages/HelpRequestsPage.tsx'), (m) => m.HelpRequestsPage);
const loadProductsPage = page(() => import('./features/admin/pages/ProductsPage.tsx'), (m) => m.ProductsPage);
const loadSettingsPage = page(() => import('./features/admin/pages/SettingsPage.tsx'), (m) => m.SettingsPage);
const loadStaffPage = page(() => import('./features/admin/pages/StaffPage.tsx'), (m) => m.StaffPage);
const loadChangePasswordPage = page(() => import('./features/auth/pages/ChangePasswordPage.tsx'), (m) => m.ChangePasswordPage);
const loadForgotPasswordPage = page(() => import('./features/auth/pages/ForgotPasswordPage.tsx'), (m) => m.ForgotPasswordPage);
const loadLoginPage = page(() => import('./features/auth/pages/LoginPage.tsx'), (m) => m.LoginPage, 'frame');
const loadPairAuthenticatorPage = page(() => import('./features/auth/pages/PairAuthenticatorPage.tsx'), (m) => m.PairAuthenticatorPage);
const loadRequiredFactorPage = page(() => import('./features/auth/pages/RequiredFactorPage.tsx'), (m) => m.RequiredFactorPage);
const loadSsoResultPage = page(() => import('./features/auth/pages/SsoResultPage.tsx'), (m) => m.SsoResultPage);
const loadTermsPage = page(() => import('./features/auth/pages/TermsPage.tsx'), (m) => m.TermsPage);
const loadVerifyIdentityPage = page(() => import('./features/auth/pages/VerifyIdentityPage.tsx'), (m) => m.VerifyIdentityPage);
const loadCasePage = page(() => import('./features/cases/pages/CasePage.tsx'), (m) => m.CasePage);
const loadCreateCasePage = page(() => import('./features/cases/pages/CreateCasePage.tsx'), (m) => m.CreateCasePage);
const loadMyCasesPage = page(() => import('./features/cases/pages/MyCasesPage.tsx'), (m) => m.MyCasesPage);
const loadQueuePage = page(() => import('./features/cases/pages/QueuePage.tsx'), (m) => m.QueuePage);
const loadContactUsPage = page(() => import('./features/contact/pages/ContactUsPage.tsx'), (m) => m.ContactUsPage);
const loadContactsPage = page(() => import('./features/contacts/pages/ContactsPage.tsx'), (m) => m.ContactsPage);
const loadDashboardPage = page(() => import('./features/dashboard/pages/DashboardPage.tsx'), (m) => m.DashboardPage, ['pages', 'dashboard']);
const loadVendorDashboardPage = page(() => import('./features/dashboard/pages/VendorDashboardPage.tsx'), (m) => m.VendorDashboardPage, ['pages', 'dashboard']);
const loadDevMailboxPage = page(() => import('./features/dev/pages/DevMailboxPage.tsx'), (m) => m.DevMailboxPage);
const loadPortalHelpPage = page(() => import('./features/help/pages/PortalHelpPage.tsx'), (m) => m.PortalHelpPage);
const loadHomePage = page(() => import('./features/home/pages/HomePage.tsx'), (m) => m.HomePage);
const loadArticlePage = page(() => import('./features/knowledge/pages/ArticlePage.tsx'), (m) => m.ArticlePage);
const loadEditArticlePage = page(() => import('./features/knowledge/pages/ArticleEditPage.tsx'), (m) => m.EditArticlePage);
const loadNewArticlePage = page(() => import('./features/knowledge/pages/ArticleEditPage.tsx'), (m) => m.NewArticlePage);
const loadKnowledgeBasePage = page(() => import('./features/knowledge/pages/KnowledgeBasePage.tsx'), (m) => m.KnowledgeBasePage);
const loadNotFoundPage = page(() => import('./features/placeholders/pages/NotFoundPage.tsx'), (m) => m.NotFoundPage, 'frame');
const loadRegisterChoicePage = page(() => import('./features/registration/pages/RegisterChoicePage.tsx'), (m) => m.RegisterChoicePage);
const loadRegisterFormPage = page(() => import('./features/registration/pages/RegisterFormPage.tsx'), (m) => m.RegisterFormPage);
const loadRegisterHelpPage = page(() => import('./features/registration/pages/RegisterHelpPage.tsx'), (m) => m.RegisterHelpPage);
const loadRegistrationRequestPage = page(() => import('./features/registration/pages/RegistrationRequestPage.tsx'), (m) => m.RegistrationRequestPage);
const loadRegistrationRequestsPage = page(() => import('./features/registration/pages/RegistrationRequestsPage.tsx'), (m) => m.RegistrationRequestsPage);
const loadSurveyPage = page(() => import('./features/surveys/pages/SurveyPage.tsx'), (m) => m.SurveyPage);
const loadSurveysPage = page(() => import('./features/surveys/pages/SurveysPage.tsx'), (m) => m.SurveysPage);
const loadSurveySummaryPage = page(() => import('./features/surveys/pages/SurveySummaryPage.tsx'), (m) => m.SurveySummaryPage);

/** Every page of the portal. Pages under RequireActive need a finished sign-in; some are for contacts, staff or administrators only. */
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    // The first load of a page draws the frame with a skeleton while the page's code arrives.
    hydrateFallbackElement: <AppLayout pageLoading />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: loadHomePage },
      { path: 'login', lazy: loadLoginPage },
      { path: 'login/verify', lazy: loadVerifyIdentityPage },
      { path: 'login/change-password', lazy: loadChangePasswordPage },
      { path: 'login/pair', lazy: loadPairAuthenticatorPage },
      { path: 'login/required-factor', lazy: loadRequiredFactorPage },
      { path: 'login/terms', lazy: loadTermsPage },
      { path: 'login/sso', lazy: loadSsoResultPage },
      { path: 'forgot-password', lazy: loadForgotPasswordPage },
      { path: 'register', lazy: loadRegisterChoicePage },
      { path: 'register/form', lazy: loadRegisterFormPage },
      { path: 'register/help', lazy: loadRegisterHelpPage },
      { path: 'kb', lazy: loadKnowledgeBasePage },
      { path: 'kb/:number', lazy: loadArticlePage },
      { path: 'help', lazy: loadPortalHelpPage },
      { path: 'contact-us', lazy: loadContactUsPage },
      { path: 'dev/mailbox', lazy: loadDevMailboxPage },
      {
        element: <RequireActive />,
        children: [
          { path: 'my-account', lazy: loadMyAccountPage },
          { path: 'cases/:number', lazy: loadCasePage },
          { path: 'registration-requests', lazy: loadRegistrationRequestsPage },
          { path: 'registration-requests/:number', lazy: loadRegistrationRequestPage },
          {
            element: <RequirePerson allow={isContact} />,
            children: [
              { path: 'my-cases', lazy: loadMyCasesPage },
              { path: 'create-case', lazy: loadCreateCasePage },
              { path: 'surveys', lazy: loadSurveysPage },
              { path: 'surveys/:id', lazy: loadSurveyPage },
            ],
          },
          {
            element: <RequirePerson allow={isAccountAdmin} />,
            children: [
              { path: 'contacts', lazy: loadContactsPage },
              { path: 'dashboard', lazy: loadDashboardPage },
            ],
          },
          {
            element: <RequirePerson allow={isStaff} />,
            children: [
              { path: 'queue', lazy: loadQueuePage },
              { path: 'kb/new', lazy: loadNewArticlePage },
              { path: 'kb/:number/edit', lazy: loadEditArticlePage },
              { path: 'surveys/summary', lazy: loadSurveySummaryPage },
            ],
          },
          {
            element: <RequirePerson allow={isAdmin} />,
            children: [
              {
                path: 'admin',
                lazy: loadAdminLayout,
                children: [
                  { index: true, lazy: loadAdministrationPage },
                  { path: 'accounts', lazy: loadAccountsPage },
                  { path: 'accounts/:id', lazy: loadAccountPage },
                  { path: 'dashboard', lazy: loadVendorDashboardPage },
                  { path: 'staff', lazy: loadStaffPage },
                  { path: 'products', lazy: loadProductsPage },
                  // The one list of requests, which shows an administrator every account's, inside the administration menu.
                  { path: 'registration-requests', lazy: loadRegistrationRequestsPage },
                  { path: 'registration-help', lazy: loadHelpRequestsPage },
                  { path: 'settings', lazy: loadSettingsPage },
                  { path: 'audit', lazy: loadAuditPage },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', lazy: loadNotFoundPage },
    ],
  },
]);

// The page being opened while one loads, else the one shown.
reloadOnMissingCode(() => {
  const next = router.state.navigation.location;
  return next ? createPath(next) : window.location.href;
});
