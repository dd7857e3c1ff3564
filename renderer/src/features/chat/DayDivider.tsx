import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { dayLabel } from '../../ui/time';

/** The "Today" / "Yesterday" / date line between the messages of different days. */
export function DayDivider({ at, now }: { at: string; now: number }) {
  const { language } = useI18n();
  const dateLocale = useDateLocale();
  const label = dayLabel(Date.parse(at), now, language, dateLocale);
  return (
    <div className="day-divider" role="separator" aria-label={label}>
      <span>{label}</span>
    </div>
  );
}
