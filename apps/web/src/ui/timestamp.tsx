import { useFormatters } from "../lib/use-formatters";

/** "5 minutes ago", with the exact time beside it (`withAbsolute`) or in the tooltip. */
export function Timestamp({ iso, withAbsolute = false }: { iso: string; withAbsolute?: boolean }) {
  const format = useFormatters();
  const absolute = format.dateTime(iso);
  return (
    <span className="timestamp">
      <time dateTime={iso} title={absolute}>
        {format.relative(iso)}
      </time>
      {withAbsolute && <span className="timestamp__absolute">{absolute}</span>}
    </span>
  );
}
