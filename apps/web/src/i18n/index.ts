/** i18next set-up: Simplified Chinese by default, English on request; the choice is remembered. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { featureMessages } from '../features/messages';
import { en } from './en';
import { zhCN } from './zh-CN';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'shuzhi.language';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': {
      translation: { ...zhCN, ...Object.fromEntries(featureMessages.map((f) => [f.namespace, f.zhCN])) },
    },
    en: { translation: { ...en, ...Object.fromEntries(featureMessages.map((f) => [f.namespace, f.en])) } },
  },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(STORAGE_KEY, lng);
});
document.documentElement.lang = i18n.language;

export default i18n;
