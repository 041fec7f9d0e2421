import type { FxSelection } from './exchange-rate.repository.js';
import type { MonetaryAmount } from './money.entity.js';

const USD_SOURCE = 'USD: no conversion needed';

/** First day of a "YYYY" or "YYYY-MM" period. */
export function periodStart(period: string): string {
  return period.length === 4 ? `${period}-01-01` : `${period}-01`;
}

/** A stored amount and its conversion (from `fxColumns`) → `MonetaryAmount`. */
export function toMonetaryAmount(
  amount: string,
  currency: string,
  valueDate: string,
  fx: FxSelection,
): MonetaryAmount {
  if (fx.amount_usd === null || fx.fx_rate === null) {
    return {
      amount,
      currency,
      valueDate,
      conversion: null,
      conversionNote: `No ${currency} rate is available for ${valueDate.slice(0, 7)} or ${valueDate.slice(0, 4)}; the amount stays in ${currency} and is not dropped.`,
    };
  }
  const isUsd = currency === 'USD';
  return {
    amount,
    currency,
    valueDate,
    conversion: {
      amountUsd: fx.amount_usd,
      fxRate: fx.fx_rate,
      fxRatePeriod: isUsd ? null : fx.fx_period,
      fxRateDate: isUsd || !fx.fx_period ? null : periodStart(fx.fx_period),
      fxSource: isUsd ? USD_SOURCE : (fx.fx_source ?? ''),
    },
    conversionNote: null,
  };
}
