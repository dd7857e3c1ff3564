import { useState } from 'react';
import { MAX_WAIT_MINUTES } from '../../../../shared/api/templates';
import { useI18n } from '../../i18n/i18n';

const PRESETS = [60, 240, 1440, 4320];
const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNITS;

export function isValidWait(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= MAX_WAIT_MINUTES.min && minutes <= MAX_WAIT_MINUTES.max;
}

/** The maximum waiting time for the reply: presets and a custom value, 1 minute to 7 days. */
export function MaxWaitField({ minutes, onChange }: { minutes: number; onChange(minutes: number): void }) {
  const { t } = useI18n();
  const [custom, setCustom] = useState(!PRESETS.includes(minutes));
  const [amount, setAmount] = useState(String(minutes));
  const [unit, setUnit] = useState<Unit>('minutes');
  const apply = (nextAmount: string, nextUnit: Unit) => {
    setAmount(nextAmount);
    setUnit(nextUnit);
    onChange(Math.round(Number(nextAmount) * UNITS[nextUnit]));
  };
  return (
    <fieldset className="max-wait">
      <legend>{t('picker.maxWait')}</legend>
      <select
        data-testid="max-wait"
        aria-label={t('picker.maxWait')}
        value={custom ? 'custom' : String(minutes)}
        onChange={(e) => {
          if (e.target.value === 'custom') {
            setCustom(true);
            apply(String(minutes), 'minutes');
          } else {
            setCustom(false);
            onChange(Number(e.target.value));
          }
        }}
      >
        {PRESETS.map((p) => (
          <option key={p} value={p}>
            {p % 1440 === 0 && p >= 2880 ? t('duration.daysOnly', { d: p / 1440 }) : t('duration.hoursOnly', { h: p / 60 })}
          </option>
        ))}
        <option value="custom">{t('picker.custom')}</option>
      </select>
      {custom && (
        <span className="custom-wait">
          <input
            type="number"
            min={1}
            aria-label={t('picker.customValue')}
            aria-invalid={!isValidWait(minutes)}
            value={amount}
            onChange={(e) => apply(e.target.value, unit)}
          />
          <select aria-label={t('picker.unit')} value={unit} onChange={(e) => apply(amount, e.target.value as Unit)}>
            {(Object.keys(UNITS) as Unit[]).map((u) => (
              <option key={u} value={u}>
                {t(`picker.${u}`)}
              </option>
            ))}
          </select>
        </span>
      )}
      <p className={isValidWait(minutes) ? 'hint' : 'hint invalid'}>{isValidWait(minutes) ? t('picker.waitHint') : t('error.MAX_WAIT_OUT_OF_RANGE')}</p>
    </fieldset>
  );
}
