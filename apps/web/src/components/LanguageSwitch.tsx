/** Switches the interface between Simplified Chinese and English. */
import { useTranslation } from 'react-i18next';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={i18n.language}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
        aria-label={t('language.label')}
      >
        <option value="zh-CN">{t('language.zh')}</option>
        <option value="en">{t('language.en')}</option>
      </select>
    </label>
  );
}
