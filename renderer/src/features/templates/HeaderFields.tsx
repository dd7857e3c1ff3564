import { useRef, useState, type DragEvent } from 'react';
import type { HeaderInput, HeaderIssue, HeaderNeed } from '../../../../shared/domain/template-params';
import { useI18n } from '../../i18n/i18n';
import { AttachmentPreview } from '../chat/AttachmentPreview';
import { PaperclipIcon } from '../chat/icons';
import { headerAccept } from './header-rules';
import type { HeaderFile } from './useHeaderFile';

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

/**
 * The request's `headerMedia` / `headerLocation` for what the header needs (nothing while
 * incomplete). An uploaded file wins over a link (the link field is hidden while a file is chosen).
 */
export function headerInput(need: HeaderNeed, draft: HeaderDraft, attachmentId: string | null = null): HeaderInput {
  if (need?.kind === 'media') {
    if (attachmentId) return { headerMedia: { attachmentId } };
    return draft.link.trim() ? { headerMedia: { link: draft.link.trim() } } : {};
  }
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
  /** The file chosen for a media header (uploaded through the core). */
  file: HeaderFile;
}

/**
 * The header's media (a file, uploaded at once, or a public https link) or place, for templates
 * whose header needs one. The first control carries `data-autofocus`: the picker focuses it.
 */
export function HeaderFields({ need, draft, onChange, issues, file }: Props) {
  const { t, errorText } = useI18n();
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const set = (key: keyof HeaderDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [key]: e.target.value });
  const touch = (key: string) => () => setTouched((v) => ({ ...v, [key]: true }));

  if (need.kind === 'media') {
    const problem = issues.find((i) => i.path === 'headerMedia')?.problem;
    const shown = problem && !file.draft && (touched.link || problem !== 'missing') ? problem : undefined;
    const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const dropped = e.dataTransfer.files[0];
      if (dropped) file.choose(dropped);
    };
    return (
      <div className="header-fields" data-testid="header-media">
        <div
          className={`header-file${dragging ? ' dragging' : ''}`}
          role="group"
          aria-label={t(`picker.headerFile.${need.format}`)}
          data-testid="header-file"
          onDragOver={(e) => {
            if (!hasFiles(e)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          }}
          onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setDragging(false)}
          onDrop={onDrop}
        >
          <span className="field-title">{t(`picker.headerFile.${need.format}`)}</span>
          {file.draft ? (
            <>
              <AttachmentPreview
                draft={file.draft}
                onRemove={file.clear}
                problemText={file.problem === 'HEADER_TYPE_MISMATCH' ? t(`picker.headerType.${need.format}`) : null}
                status={file.attachmentId ? t('picker.fileReady') : null}
              />
              {file.error && (
                <p className="error" role="alert" data-testid="header-file-error">
                  {errorText(file.error)}{' '}
                  <button type="button" className="link" onClick={file.retry}>
                    {t('common.retry')}
                  </button>
                </p>
              )}
            </>
          ) : (
            <div className="header-file-choose">
              <button type="button" data-autofocus onClick={() => input.current?.click()} data-testid="header-file-button">
                <PaperclipIcon /> {t(`picker.chooseFile.${need.format}`)}
              </button>
              <small className="muted">{dragging ? t('composer.dropHere') : t(`picker.fileHint.${need.format}`)}</small>
            </div>
          )}
          <input
            ref={input}
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            accept={headerAccept(need.format)}
            data-testid="header-file-input"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              if (chosen) file.choose(chosen);
              e.target.value = '';
            }}
          />
        </div>
        {!file.draft && (
          <>
            <span className="or-divider" aria-hidden="true">
              {t('picker.orLink')}
            </span>
            <label className="field">
              <span>{t(`picker.headerMedia.${need.format}`)}</span>
              <input
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
          </>
        )}
      </div>
    );
  }

  const missing = issues.some((i) => i.path === 'headerLocation') && (touched.latitude || touched.longitude);
  return (
    <fieldset className="header-fields location-fields" data-testid="header-location">
      <legend>{t('picker.location')}</legend>
      <label className="field">
        <span>{t('picker.latitude')}</span>
        <input data-autofocus inputMode="decimal" value={draft.latitude} aria-invalid={missing} onChange={set('latitude')} onBlur={touch('latitude')} />
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
