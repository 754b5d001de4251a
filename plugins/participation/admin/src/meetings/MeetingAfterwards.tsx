import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { dateTime } from '../utils/dates';
import { useT } from '../utils/useT';
import { useRemarks, type AdminMeeting } from './data';
import { WithholdDialog } from './WithholdDialog';

/**
 * « Relecture par les inscrit·es »: once the meeting is over and the minutes written, they go to everyone who held a
 * place for a set number of days; their remarks come in here, staff may withhold one (its reason is published), and
 * the report is published with them once the period ends.
 */
export function MinutesReview({ meeting, onChanged }: { meeting: AdminMeeting; onChanged: () => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const window = meeting.report.remarksWindow;
  const remarks = useRemarks(meeting.documentId, window !== 'none');
  const [days, setDays] = React.useState('15');
  const [errors, setErrors] = React.useState<Errors>({});
  const [withholding, setWithholding] = React.useState<number | null>(null);
  const { busy, run } = useSubmit(setErrors, onChanged);
  const propose = () =>
    run(() => post(`/participation/meetings/${meeting.documentId}/minutes/proposal`, { days: Number(days) }), t('meetings.remarks.proposed'));
  const restore = (id: number) =>
    run(() => put(`/participation/meetings/${meeting.documentId}/minutes/remarks/${id}`, { withheld: false }), t('meetings.remarks.restored')).then(() =>
      remarks.reload()
    );
  const rows = remarks.data?.data ?? [];
  return (
    <Box padding={4} background="neutral100" hasRadius tag="section" aria-labelledby="relecture">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2" id="relecture">
          {t('meetings.remarks.title')}
        </Typography>
        {errors.form ? (
          <Typography role="alert" textColor="danger600">
            {errors.form}
          </Typography>
        ) : null}
        {window === 'none' ? (
          <Flex direction="column" alignItems="stretch" gap={3} tag="form" onSubmit={(e: React.FormEvent) => (e.preventDefault(), void propose())}>
            <Typography tag="p">{t('meetings.remarks.intro')}</Typography>
            <TextField
              name="days"
              type="number"
              label={t('meetings.remarks.days')}
              hint={t('meetings.remarks.daysHint')}
              value={days}
              onChange={setDays}
              error={errors.days}
            />
            <Flex>
              <Button type="submit" loading={busy} disabled={meeting.state !== 'past' || meeting.report.published}>
                {t('meetings.remarks.propose')}
              </Button>
            </Flex>
          </Flex>
        ) : (
          <>
            <Typography tag="p">
              {t(window === 'open' ? 'meetings.remarks.open' : 'meetings.remarks.closed', {
                proposedAt: dateTime(meeting.report.minutesProposedAt),
                until: dateTime(meeting.report.remarksUntil),
                count: rows.length,
              })}
            </Typography>
            {remarks.data && rows.length === 0 ? <Typography tag="p">{t('meetings.remarks.empty')}</Typography> : null}
            {rows.map((r) => (
              <Box key={r.id} padding={3} background="neutral0" hasRadius data-testid="remark">
                <Typography variant="pi" tag="p">
                  {t('meetings.remarks.by', { name: r.authorName, at: dateTime(r.sentAt) })}
                </Typography>
                <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
                  {r.body}
                </Typography>
                {r.withheld ? (
                  <Flex gap={2} paddingTop={2}>
                    <Badge>{t('meetings.remarks.withheld', { reason: r.withheldReason ?? '' })}</Badge>
                    <Button variant="tertiary" size="S" onClick={() => void restore(r.id)}>
                      {t('meetings.remarks.restore')}
                    </Button>
                  </Flex>
                ) : (
                  <Flex paddingTop={2}>
                    <Button variant="danger-light" size="S" onClick={() => setWithholding(r.id)}>
                      {t('meetings.remarks.withhold.open')}
                    </Button>
                  </Flex>
                )}
              </Box>
            ))}
          </>
        )}
      </Flex>
      {withholding !== null ? (
        <WithholdDialog
          documentId={meeting.documentId}
          remarkId={withholding}
          onClose={() => {
            setWithholding(null);
            void remarks.reload();
          }}
        />
      ) : null}
    </Box>
  );
}
