import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { fieldError, unwrap } from '../api/problem';
import { ProblemAlert, problemOf } from '../ui/problem-alert';
import {
  HOLIDAY_TYPES,
  WEEKDAYS,
  addPeriod,
  describeLocal,
  nextFridayEvening,
  periodsOf,
  removePeriod,
  setClosesOn,
  setClosingType,
  setHolidays,
  setPeriod,
  weekdayOf,
  type Calendar,
} from './calendar-draft';

/**
 * The desk's business calendar: working hours, time zone and holidays, with their effect on due
 * times shown as the server computes it for the draft before anything is saved.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const saved = useQuery({
    queryKey: ['business-calendar'],
    queryFn: async () => unwrap(await api.GET('/business-calendar')),
  });
  const [draft, setDraft] = useState<Calendar | null>(null);
  useEffect(() => {
    if (saved.data && draft === null) setDraft(saved.data);
  }, [saved.data, draft]);
  const [openedAt, setOpenedAt] = useState(() => nextFridayEvening(new Date()));
  const [hours, setHours] = useState<number | string>(2);
  const [request] = useDebouncedValue({ draft, openedAt, hours }, 300);
  const year = Number(request.openedAt.slice(0, 4)) || new Date().getFullYear();
  const preview = useQuery({
    queryKey: ['business-calendar-preview', request, year],
    enabled: request.draft !== null,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.POST('/business-calendar/preview', {
          body: {
            calendar: request.draft!,
            year,
            samples: [{ openedAt: request.openedAt, hours: Number(request.hours) }],
          },
        }),
      ),
  });
  const save = useMutation({
    mutationFn: async (calendar: Calendar) => unwrap(await api.PUT('/business-calendar', { body: calendar })),
    onSuccess: (calendar) => {
      setDraft(calendar);
      void client.invalidateQueries({ queryKey: ['business-calendar'] });
    },
  });
  const edit = (next: Calendar) => {
    setDraft(next);
    save.reset();
  };
  const saveRefusal = problemOf(save.error);
  const previewRefusal = problemOf(preview.error);
  // A fault shows under its field whether the save or the live preview found it.
  const error = (field: string) => fieldError(saveRefusal, field) ?? fieldError(previewRefusal, `calendar.${field}`);
  const dayName = (day: number) => t(`calendarEditor.weekdays.${day}`);
  // A draft the server refused has no effect to show; the refusal is shown instead.
  const sample = preview.isError ? undefined : preview.data?.samples[0];

  if (!draft) return <ProblemAlert error={saved.error} />;
  return (
    <Stack>
      <Title order={1}>{t('calendarEditor.title')}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <TextInput
              label={t('calendarEditor.timeZone')}
              value={draft.timeZone}
              onChange={(event) => edit({ ...draft, timeZone: event.currentTarget.value })}
              error={error('timeZone')}
            />
            <Fieldset legend={t('calendarEditor.workingHours')}>
              {error('workingHours') && (
                <Text c="red" size="sm">
                  {error('workingHours')}
                </Text>
              )}
              <Table>
                <Table.Tbody>
                  {WEEKDAYS.map((day) => (
                    <Table.Tr key={day}>
                      <Table.Th scope="row">{dayName(day)}</Table.Th>
                      <Table.Td>
                        <Stack gap="xs">
                          {periodsOf(draft, day).length === 0 && <Text c="dimmed">{t('calendarEditor.closed')}</Text>}
                          {periodsOf(draft, day).map((period, index) => {
                            const names = { day: dayName(day), n: index + 1 };
                            return (
                              <Group key={index} align="start" gap="xs" wrap="nowrap">
                                <TextInput
                                  w={150}
                                  type="time"
                                  label={t('calendarEditor.start', names)}
                                  value={period.start}
                                  onChange={(event) =>
                                    edit(setPeriod(draft, day, index, { start: event.currentTarget.value }))
                                  }
                                  error={error(`workingHours.${day}.${index}.start`)}
                                />
                                <TextInput
                                  w={150}
                                  type="time"
                                  label={t('calendarEditor.end', names)}
                                  value={period.end}
                                  onChange={(event) =>
                                    edit(setPeriod(draft, day, index, { end: event.currentTarget.value }))
                                  }
                                  error={error(`workingHours.${day}.${index}.end`)}
                                />
                                <ActionIcon
                                  mt={26}
                                  variant="subtle"
                                  color="red"
                                  aria-label={t('calendarEditor.removePeriod', names)}
                                  onClick={() => edit(removePeriod(draft, day, index))}
                                >
                                  ×
                                </ActionIcon>
                              </Group>
                            );
                          })}
                          <Button
                            size="xs"
                            variant="subtle"
                            w="fit-content"
                            aria-label={t('calendarEditor.addPeriod', { day: dayName(day) })}
                            onClick={() => edit(addPeriod(draft, day))}
                          >
                            {t('calendarEditor.addPeriodShort')}
                          </Button>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Fieldset>
            <HolidaysEditor draft={draft} edit={edit} error={error} holidays={preview.data?.holidays ?? []} />
            <ProblemAlert error={save.error} shownFields={['timeZone', 'workingHours', 'holidays']} />
            <Group>
              <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
                {t('editors.save')}
              </Button>
              {save.isSuccess && (
                <Text c="green" role="status">
                  {t('calendarEditor.saved')}
                </Text>
              )}
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder component="section" aria-label={t('calendarEditor.preview')}>
            <Stack>
              <Title order={2} size="h4">
                {t('calendarEditor.preview')}
              </Title>
              <TextInput
                type="datetime-local"
                label={t('calendarEditor.openedAt')}
                value={openedAt}
                onChange={(event) => setOpenedAt(event.currentTarget.value)}
                error={fieldError(previewRefusal, 'samples.0.openedAt')}
              />
              <NumberInput
                label={t('calendarEditor.target')}
                value={hours}
                onChange={setHours}
                error={fieldError(previewRefusal, 'samples.0.hours')}
              />
              <div data-testid="due-preview" aria-live="polite">
                {sample && (
                  <>
                    <Text fw={500}>
                      {t('calendarEditor.dueSentence', {
                        opened: describeLocal(request.openedAt, dayName(weekdayOf(request.openedAt)), i18n.language),
                        hours: sample.hours,
                        due: describeLocal(sample.dueLocal, dayName(sample.dueWeekday), i18n.language),
                      })}
                    </Text>
                    {sample.holidaysSkipped.length > 0 && (
                      <Text size="sm">
                        {t('calendarEditor.skipped', {
                          names: sample.holidaysSkipped.map((h) => `${h.name} (${h.date})`).join(', '),
                        })}
                      </Text>
                    )}
                  </>
                )}
              </div>
              <ProblemAlert
                error={preview.error}
                shownFields={['samples', 'calendar.timeZone', 'calendar.workingHours', 'calendar.holidays']}
              />
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

interface HolidaysProps {
  draft: Calendar;
  edit: (calendar: Calendar) => void;
  error: (field: string) => string | undefined;
  holidays: {
    date: string;
    name: string;
    type: Calendar['holidays']['types'][number];
    local: boolean;
    closes: boolean;
  }[];
}

/** National holidays from the server's library (closing or worked) and the desk's own days off. */
function HolidaysEditor({ draft, edit, error, holidays }: HolidaysProps) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('calendarEditor.holidays')}>
      <Stack>
        <TextInput
          label={t('calendarEditor.state')}
          value={draft.holidays.state ?? ''}
          onChange={(event) => edit(setHolidays(draft, { state: event.currentTarget.value || undefined }))}
          error={error('holidays.state')}
        />
        <Checkbox.Group label={t('calendarEditor.types')} value={draft.holidays.types} error={error('holidays.types')}>
          <Stack gap={4} mt={4}>
            {HOLIDAY_TYPES.map((type) => (
              <Checkbox
                key={type}
                value={type}
                label={t(`calendarEditor.typeNames.${type}`)}
                onChange={(event) => edit(setClosingType(draft, type, event.currentTarget.checked))}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Title order={3} size="h5">
          {t('calendarEditor.localHolidays')}
        </Title>
        {draft.holidays.extra.map((extra, index) => {
          const n = index + 1;
          const set = (patch: Partial<typeof extra>) =>
            edit(
              setHolidays(draft, {
                extra: draft.holidays.extra.map((e, i) => (i === index ? { ...e, ...patch } : e)),
              }),
            );
          return (
            <Group key={index} align="start" gap="xs">
              <TextInput
                label={t('calendarEditor.ruleOf', { n })}
                description={t('calendarEditor.rule')}
                value={extra.rule}
                onChange={(event) => set({ rule: event.currentTarget.value })}
                error={error(`holidays.extra.${index}.rule`)}
              />
              <TextInput
                label={t('calendarEditor.holidayName', { n })}
                value={extra.name}
                onChange={(event) => set({ name: event.currentTarget.value })}
                error={error(`holidays.extra.${index}.name`)}
              />
              <ActionIcon
                mt={48}
                variant="subtle"
                color="red"
                aria-label={t('calendarEditor.removeHoliday', { n })}
                onClick={() => edit(setHolidays(draft, { extra: draft.holidays.extra.filter((_, i) => i !== index) }))}
              >
                ×
              </ActionIcon>
            </Group>
          );
        })}
        <Button
          variant="light"
          w="fit-content"
          onClick={() => edit(setHolidays(draft, { extra: [...draft.holidays.extra, { rule: '', name: '' }] }))}
        >
          {t('calendarEditor.addHoliday')}
        </Button>
        <Table data-testid="holiday-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calendarEditor.date')}</Table.Th>
              <Table.Th>{t('calendarEditor.holiday')}</Table.Th>
              <Table.Th>{t('calendarEditor.closes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {holidays.map((holiday) => (
              <Table.Tr key={`${holiday.date}:${holiday.name}`}>
                <Table.Td>{holiday.date}</Table.Td>
                <Table.Td>
                  {holiday.name} {holiday.local && <Badge size="xs">{t('calendarEditor.local')}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={t('calendarEditor.closesOn', { name: holiday.name, date: holiday.date })}
                    checked={holiday.closes}
                    disabled={holiday.local || !draft.holidays.types.includes(holiday.type)}
                    onChange={(event) => edit(setClosesOn(draft, holiday.name, event.currentTarget.checked))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Fieldset>
  );
}
