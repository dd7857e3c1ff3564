import type { Template, TemplateButton } from '../../../../shared/api/templates';
import { locationText, renderSegments, resolveParameters, type HeaderInput } from '../../../../shared/domain/template-params';
import { useI18n } from '../../i18n/i18n';

/** Plain geometric symbols: every system font has them (emoji fonts are not everywhere). */
const ICONS: Record<string, string> = { IMAGE: '▣', VIDEO: '▶', DOCUMENT: '▤', LOCATION: '◉' };

/** The last part of a link's path (the file's name), for the media header box. */
function fileOf(link: string): string {
  try {
    const url = new URL(link);
    return decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? url.hostname) || url.hostname;
  } catch {
    return link;
  }
}

/**
 * The message as the customer will read it, filled-in values marked, empty ones shown as
 * placeholders; a media or location header as a box naming the file or place; the buttons as
 * WhatsApp draws them (a link, a copy-code button with its code, quick replies).
 */
export function TemplatePreview({
  template,
  values,
  header = {},
  headerFile = null,
}: {
  template: Template;
  values: Record<string, string>;
  header?: HeaderInput;
  /** The file chosen for a media header: its name, and a picture to show (local before upload, the media URL after). */
  headerFile?: { name: string; src: string | null } | null;
}) {
  const { t } = useI18n();
  const resolved = resolveParameters(template, values);
  const line = (text: string, keyOf?: (name: string) => string) =>
    renderSegments(text, values, keyOf).map((s, i) =>
      s.key ? (
        <mark key={i} className={s.filled ? 'filled' : 'missing'}>
          {s.text}
        </mark>
      ) : (
        <span key={i}>{s.text}</span>
      ),
    );
  const button = (b: TemplateButton, index: number) => {
    const code = resolved[`button.${index}`]?.trim();
    if (b.type === 'COPY_CODE' || b.type === 'OTP') {
      return (
        <span key={index} className="preview-button copy" data-kind="copy_code">
          ⧉ {b.text || t('preview.copyCode')}
          {code ? <code>{code}</code> : null}
        </span>
      );
    }
    const mark = b.type === 'URL' ? '↗ ' : b.type === 'PHONE_NUMBER' ? '☎ ' : b.type === 'QUICK_REPLY' ? '↩ ' : '';
    return (
      <span key={index} className="preview-button" data-kind={b.type.toLowerCase()}>
        {mark}
        {b.text}
      </span>
    );
  };
  return (
    <div className="preview-bubble" data-testid="template-preview">
      {template.components.map((c, i) => {
        if (c.type === 'HEADER' && c.format === 'TEXT' && c.text) return <p key={i} className="preview-header">{line(c.text, (n) => `header.${n}`)}</p>;
        if (c.type === 'HEADER' && c.format !== 'TEXT') {
          const format = c.format === 'IMAGE' || c.format === 'VIDEO' || c.format === 'DOCUMENT' ? c.format : null;
          const media = format !== null;
          const label = format ? t(`preview.media.${format}`) : c.format === 'LOCATION' ? t('preview.location') : c.format;
          const detail =
            media && headerFile
              ? headerFile.name
              : media && header.headerMedia && 'link' in header.headerMedia
              ? fileOf(header.headerMedia.link)
              : c.format === 'LOCATION' && header.headerLocation
                ? locationText(header.headerLocation)
                : null;
          // Remote images are never loaded in the app window (CSP): the box names the linked file; a
          // chosen image shows itself (a data: URL before upload, the app's media URL after).
          if (format === 'IMAGE' && headerFile?.src) {
            return (
              <div key={i} className="preview-media picture given" data-testid="preview-header-media" data-format={c.format}>
                <img src={headerFile.src} alt={headerFile.name} data-testid="preview-header-image" />
              </div>
            );
          }
          return (
            <div key={i} className={`preview-media ${detail ? 'given' : 'missing'}`} data-testid="preview-header-media" data-format={c.format}>
              <span aria-hidden="true" className="preview-media-icon">{ICONS[c.format] ?? '▦'}</span>
              <span className="preview-media-label">{label}</span>
              {detail && <span className="preview-media-detail">{detail}</span>}
            </div>
          );
        }
        if (c.type === 'BODY') return <p key={i} className="preview-body">{line(c.text)}</p>;
        if (c.type === 'FOOTER') return <p key={i} className="preview-footer">{c.text}</p>;
        if (c.type === 'BUTTONS') {
          return (
            <div key={i} className="preview-buttons" data-testid="preview-buttons">
              {c.buttons.map(button)}
            </div>
          );
        }
        if (c.type === 'OTHER') return <p key={i} className="preview-other muted">[{c.kind.toLowerCase().replace(/_/g, ' ')}]</p>;
        return null;
      })}
    </div>
  );
}
