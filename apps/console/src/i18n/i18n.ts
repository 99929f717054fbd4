import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { adminEn } from './admin.en';
import { adminEditorsEn } from './admin-editors.en';
import { adminEditorsPtBR } from './admin-editors.pt-BR';
import { adminPtBR } from './admin.pt-BR';
import { approvalsEn } from './approvals.en';
import { approvalsPtBR } from './approvals.pt-BR';
import { editorsEn } from './editors.en';
import { editorsPtBR } from './editors.pt-BR';
import { en } from './en';
import { ptBR } from './pt-BR';
import { ticketEn } from './ticket.en';
import { ticketPtBR } from './ticket.pt-BR';
import { triageEn } from './triage.en';
import { triagePtBR } from './triage.pt-BR';
import { usersEn } from './users.en';
import { usersPtBR } from './users.pt-BR';

const LANGUAGE_KEY = 'escala.language';
export const LANGUAGES = ['pt-BR', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANGUAGE_KEY);

void i18next.use(initReactI18next).init({
  resources: {
    'pt-BR': {
      translation: {
        ...ptBR,
        ...ticketPtBR,
        ...adminPtBR,
        ...approvalsPtBR,
        ...editorsPtBR,
        ...triagePtBR,
        ...adminEditorsPtBR,
        ...usersPtBR,
      },
    },
    en: {
      translation: {
        ...en,
        ...ticketEn,
        ...adminEn,
        ...approvalsEn,
        ...editorsEn,
        ...triageEn,
        ...adminEditorsEn,
        ...usersEn,
      },
    },
  },
  lng: stored === 'en' ? 'en' : 'pt-BR',
  fallbackLng: 'pt-BR',
  interpolation: { escapeValue: false },
});

/** Switches the language and remembers it; the page's lang attribute follows for screen readers. */
export function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export { i18next };
