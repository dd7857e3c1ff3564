/**
 * IPC channels of prices (issue 20): the quote beside the picker's Send button, the consumption
 * report as CSV, and the administrators' rate card and budgets. Spread into `invokeChannels`.
 */
import { z } from 'zod';
import { ConsumptionGroupBy } from '../api/consumption';
import { BudgetInput, BudgetList, RateCardInput, RateCardList, TemplateQuote, TemplateQuoteRequest } from '../api/pricing';

const Range = z.object({ groupBy: ConsumptionGroupBy, from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });

export const pricingChannels = {
  /** What sending this template to this contact now would cost. */
  'templates:quote': { input: TemplateQuoteRequest, output: TemplateQuote },
  /** The consumption report as the server's CSV, with a file name for saving it. */
  'consumption:csv': { input: Range, output: z.object({ fileName: z.string(), csv: z.string() }) },
  'pricing:rateCards': { input: z.undefined(), output: RateCardList },
  /** Administrators: Meta's CSV as read from a file (effectiveFrom when its preamble lacks one), or a JSON card. */
  'pricing:loadRateCard': {
    input: z.union([
      z.object({ csv: z.string().min(1).max(2 * 1024 * 1024), effectiveFrom: z.iso.date().optional() }),
      z.object({ card: RateCardInput }),
    ]),
    output: RateCardList,
  },
  'pricing:budgets': { input: z.undefined(), output: BudgetList },
  'pricing:setBudgets': { input: BudgetInput, output: BudgetList },
} as const;
