import { Box, Flex, Typography } from '@strapi/design-system';

type Bar = { key: string; label: string; count: number };

/** A count as a labelled bar: the share of those who answered the question, said in words for screen readers. */
export function Bars({ bars, of }: { bars: Bar[]; of: number }) {
  return (
    <Box tag="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {bars.map((b) => {
        const share = of ? Math.round((b.count / of) * 100) : 0;
        return (
          <Box tag="li" key={b.key} paddingTop={1}>
            <Flex gap={2} alignItems="center">
              <Box style={{ width: '14rem' }}>
                <Typography>{b.label}</Typography>
              </Box>
              <Box background="neutral150" style={{ width: '16rem', height: '0.75rem' }} aria-hidden="true">
                <Box background="primary600" style={{ width: `${share}%`, height: '100%' }} />
              </Box>
              <Typography>
                {b.count} ({share} %)
              </Typography>
            </Flex>
          </Box>
        );
      })}
    </Box>
  );
}
