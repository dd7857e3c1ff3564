import { useState, type RefObject } from 'react';
import type { HeaderInput, HeaderIssue, HeaderNeed } from '../../../../shared/domain/template-params';
import { useI18n } from '../../i18n/i18n';

/** What the agent typed for the header: a link, or a place (numbers still as typed). */
export interface HeaderDraft {
  link: string;
  latitude: string;
  longitude: string;
  name: string;
  address: string;
}

export const emptyHeader: HeaderDraft = { link: '', latitude: '', longitude: '', name: '', address: '' };

const coordinate = (text: string, limit: number) => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
};

/** The request's `headerMedia` / `headerLocation` for what the header needs (nothing while incomplete). */
export function headerInput(need: HeaderNeed, draft: HeaderDraft): HeaderInput {
  if (need?.kind === 'media') return draft.link.trim() ? { headerMedia: { link: draft.link.trim() } } : {};
  if (need?.kind === 'location') {
    const latitude = coordinate(draft.latitude, 90);
    const longitude = coordinate(draft.longitude, 180);
    if (latitude === null || longitude === null) return {};
    return {
      headerLocation: {
        latitude,
        longitude,
        ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
        ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
      },
    };
  }
  return {};
}

interface Props {
  need: NonNullable<HeaderNeed>;
  draft: HeaderDraft;
  onChange(draft: HeaderDraft): void;
  issues: HeaderIssue[];
  firstField: RefObject<HTMLInputElement | null>;
}

/**
 * The header's media (a public https link) or place, for templates whose header needs one.
 * Uploading a file for the header (an `{attachmentId}`) belongs here too: it comes with the
 * attachment upload of the core (attachments:begin/chunk/finish), next to the link field.
 */
export function HeaderFields({ need, draft, onChange, issues, firstField }: Props) {
  const { t } = useI18n();
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const set = (key: keyof HeaderDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [key]: e.target.value });
  const touch = (key: string) => () => setTouched((v) => ({ ...v, [key]: true }));

  if (need.kind === 'media') {
    const problem = issues.find((i) => i.path === 'headerMedia')?.problem;
    const shown = problem && (touched.link || problem !== 'missing') ? problem : undefined;
    return (
      <div className="header-fields" data-testid="header-media">
        <label className="field">
          <span>{t(`picker.headerMedia.${need.format}`)}</span>
          <input
            ref={firstField}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={draft.link}
            aria-invalid={shown !== undefined}
            onChange={set('link')}
            onBlur={touch('link')}
          />
          {shown ? <small className="invalid">{t(`param.${shown}`)}</small> : <small className="muted">{t('picker.headerMediaHint')}</small>}
        </label>
        {/* File upload for the header: the core's attachment upload goes here (sends { attachmentId }). */}
      </div>
    );
  }

  const missing = issues.some((i) => i.path === 'headerLocation') && (touched.latitude || touched.longitude);
  return (
    <fieldset className="header-fields location-fields" data-testid="header-location">
      <legend>{t('picker.location')}</legend>
      <label className="field">
        <span>{t('picker.latitude')}</span>
        <input ref={firstField} inputMode="decimal" value={draft.latitude} aria-invalid={missing} onChange={set('latitude')} onBlur={touch('latitude')} />
      </label>
      <label className="field">
        <span>{t('picker.longitude')}</span>
        <input inputMode="decimal" value={draft.longitude} aria-invalid={missing} onChange={set('longitude')} onBlur={touch('longitude')} />
      </label>
      <label className="field wide">
        <span>{t('picker.placeName')}</span>
        <input value={draft.name} maxLength={1000} onChange={set('name')} />
      </label>
      <label className="field wide">
        <span>{t('picker.placeAddress')}</span>
        <input value={draft.address} maxLength={1000} onChange={set('address')} />
      </label>
      {missing && <small className="invalid">{t('param.missing')}</small>}
    </fieldset>
  );
}
