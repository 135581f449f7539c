import { useEffect, useState } from "react";
import type { FieldControlProps } from "../ui/field";
import { formatMoneyInput, parseMoneyInput } from "../lib/money-input";

interface PriceInputProps extends FieldControlProps {
  value: number;
  currency: string;
  onChange: (minorUnits: number) => void;
  onBlur: () => void;
  name: string;
  ref?: React.Ref<HTMLInputElement>;
}

/**
 * People type money ("49,90"); the service stores minor units (4990). The typed text is kept as is,
 * so an unparsable entry stays visible with its error instead of being replaced.
 */
export function PriceInput({ value, currency, onChange, ...inputProps }: PriceInputProps) {
  const [text, setText] = useState(() => formatMoneyInput(value, currency));

  // Follow values set from outside (loading the saved version after a conflict).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change of the value matters
  useEffect(() => {
    if (!Object.is(parseMoneyInput(text, currency), value)) setText(formatMoneyInput(value, currency));
  }, [value]);

  // The same text means different minor units in another currency (JPY has none).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-parse only when the currency changes
  useEffect(() => {
    const parsed = parseMoneyInput(text, currency);
    if (!Object.is(parsed, value)) onChange(parsed);
  }, [currency]);

  return (
    <input
      {...inputProps}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseMoneyInput(event.target.value, currency));
      }}
    />
  );
}
