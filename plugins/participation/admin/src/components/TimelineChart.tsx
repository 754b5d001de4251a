import { Box, Flex, Typography } from '@strapi/design-system';

type Day = { date: string; contributions: number; supports: number; comments: number };

const SERIES = [
  { key: 'contributions', color: '#4945ff' },
  { key: 'supports', color: '#5cb176' },
  { key: 'comments', color: '#f29d41' },
] as const;

/** Participation per day as grouped bars: plain SVG, readable by screen readers through its table fallback. */
export function TimelineChart({ days, labels, title }: { days: Day[]; labels: Record<(typeof SERIES)[number]['key'], string>; title: string }) {
  const width = 900;
  const height = 220;
  const max = Math.max(1, ...days.flatMap((d) => SERIES.map((s) => d[s.key])));
  const slot = width / Math.max(1, days.length);
  const bar = Math.max(1, (slot - 4) / SERIES.length);
  return (
    <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      <Flex gap={4} paddingTop={2} paddingBottom={2}>
        {SERIES.map((s) => (
          <Flex key={s.key} gap={1}>
            <span style={{ display: 'inline-block', width: 12, height: 12, background: s.color, borderRadius: 2 }} />
            <Typography variant="pi">{labels[s.key]}</Typography>
          </Flex>
        ))}
      </Flex>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height + 20}`} width="100%" height={height + 20}>
        {days.map((d, i) =>
          SERIES.map((s, j) => {
            const h = (d[s.key] / max) * height;
            return (
              <rect key={`${d.date}-${s.key}`} x={i * slot + 2 + j * bar} y={height - h} width={bar} height={h} fill={s.color}>
                <title>{`${d.date} — ${labels[s.key]} : ${d[s.key]}`}</title>
              </rect>
            );
          })
        )}
        {days.map((d, i) =>
          i % Math.ceil(days.length / 10) === 0 ? (
            <text key={d.date} x={i * slot + 2} y={height + 15} fontSize="11" fill="#666687">
              {d.date.slice(5)}
            </text>
          ) : null
        )}
      </svg>
    </Box>
  );
}
