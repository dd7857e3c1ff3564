import type { Template } from '../../../../shared/api/templates';
import { templateTitle } from '../../../../shared/domain/template-title';
import { templateParameters } from '../../../../shared/domain/template-params';
import { languageName } from '../../../../shared/i18n/language-names';
import { useI18n } from '../../i18n/i18n';
import { Highlighted } from '../../ui/Highlighted';
import { fieldLabels } from './field-label';
import { labelPlaceholders } from './placeholder-labels';
import type { TemplateHit } from './search';

export const sendable = (template: Template) => template.sendable ?? template.status === 'APPROVED';

interface Props {
  hit: TemplateHit;
  active: boolean;
  selected: boolean;
  /** The customer's language (its templates come first, marked). */
  customerCode: string | null;
  /** Administrators manage templates by their WhatsApp name: shown under the readable one. */
  showRawName: boolean;
  onChoose(id: string): void;
}

/**
 * One template in the picker's list (issue 19: by people's words): its readable title, category,
 * language by name, body with its fields by label, and why it cannot be sent, if it cannot.
 */
export function TemplateOption({ hit, active, selected, customerCode, showRawName, onChoose }: Props) {
  const { t, language: uiLanguage } = useI18n();
  const { template } = hit;
  const bodyParams = templateParameters(template).filter((p) => p.source === 'body');
  const labels = fieldLabels(t, template, bodyParams);
  const body = labelPlaceholders(hit.body, hit.bodyMatches, (name) => labels[bodyParams.find((p) => p.name === name)?.key ?? '']);
  return (
    <li
      id={`tpl-${template.id}`}
      role="option"
      aria-selected={selected}
      aria-disabled={!sendable(template)}
      data-testid="template-option"
      className={`${active ? 'active' : ''} ${selected ? 'selected' : ''} ${!sendable(template) ? 'unsendable' : ''}`}
      onClick={() => onChoose(template.id)}
    >
      <div className="option-top">
        <strong>
          <Highlighted text={templateTitle(template.name)} indexes={hit.nameMatches} />
        </strong>
        <span className={`badge cat-${template.category}`}>{t(`category.${template.category}`)}</span>
      </div>
      {showRawName && (
        <code className="raw-name" data-testid="template-raw-name">
          {template.name} · {template.language}
        </code>
      )}
      <div className="option-lang">
        <span className="lang">{languageName(template.language, uiLanguage)}</span>
        {template.language === customerCode && (
          <span className="badge customer-language" data-testid="customer-language">
            {t('picker.customerLanguage')}
          </span>
        )}
      </div>
      <div className="option-body">
        <Highlighted {...body} />
      </div>
      {template.status !== 'APPROVED' ? (
        <div className="option-status" data-testid="template-unsendable">
          {t('picker.unsendable', { status: t(`templateStatus.${template.status}`) })}
          {template.statusReason ? ` ${template.statusReason}` : ''}
        </div>
      ) : (
        !sendable(template) && (
          <div className="option-status" data-testid="template-unsendable">
            {t('picker.notSendable', { reason: template.notSendableReason ?? '' })}
          </div>
        )
      )}
    </li>
  );
}
