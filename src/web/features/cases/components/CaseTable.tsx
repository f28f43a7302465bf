import { Anchor, Badge, Group, NativeSelect, Paper, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '../../../lib/useFormat.ts';
import type { CaseSummary, SortColumn, SortDirection } from '../api/cases.ts';
import { priorityLabel } from '../labels.ts';
import { CaseStateBadge } from './CaseStateBadge.tsx';
import { SlaTimeLeft } from './SlaTime.tsx';
import { usePhone } from '../../../components/ResponsiveTable.tsx';
import { nextSort } from '../listParams.ts';

export type Sort = { column: SortColumn; direction: SortDirection };

type Props = {
  items: CaseSummary[];
  sort: Sort;
  /** The order chosen: a column header clicked, or on a phone the "Sort by" list. */
  onSort: (sort: Sort) => void;
  /** The queue also names who works on each case. */
  withAssignee?: boolean;
  caption: string;
};

const SORTS: Sort[] = [
  { column: 'updated', direction: 'desc' },
  { column: 'updated', direction: 'asc' },
  { column: 'number', direction: 'desc' },
  { column: 'number', direction: 'asc' },
  { column: 'priority', direction: 'asc' },
  { column: 'priority', direction: 'desc' },
  { column: 'due', direction: 'asc' },
];

/**
 * The cases of My Cases and of the queue, with the guide's columns; Number, Priority and Updated
 * sort. On a phone each case is a card — number and subject first, then state, priority, product
 * and update time — with the same orders offered in a "Sort by" list.
 */
export function CaseTable(props: Props) {
  return usePhone() ? <CaseCards {...props} /> : <CaseColumns {...props} />;
}

function CaseCards({ items, sort, onSort, withAssignee = false, caption }: Props) {
  const { t } = useTranslation();
  const when = useDateTime();
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('cases.list.sortBy')}
        value={`${sort.column}_${sort.direction}`}
        onChange={(event) => onSort(SORTS.find((s) => `${s.column}_${s.direction}` === event.currentTarget.value)!)}
        data={SORTS.filter((s) => withAssignee || s.column !== 'due').map((s) => ({ value: `${s.column}_${s.direction}`, label: t(`cases.list.caption.${s.column}_${s.direction}`) }))}
      />
      <Stack component="ul" gap="sm" aria-label={caption} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item) => (
          <Paper component="li" key={item.number} withBorder p="sm" radius="sm">
            <Anchor component={Link} to={`/cases/${item.number}`} fw={600}>
              {item.number}
            </Anchor>
            <Text fw={600} className="pre-wrap">
              {item.subject}
            </Text>
            <Group gap={6} mt={4} wrap="wrap">
              <CaseStateBadge state={item.state} size="sm" />
              <Badge variant="outline" color="gray.8" tt="none" radius="sm" size="sm">
                {priorityLabel(t, item.priority)}
              </Badge>
            </Group>
            <Text size="sm" mt={4}>
              {item.productName ?? t('cases.noProduct')} · {item.accountName}
              {withAssignee && ` · ${item.assignee?.name ?? t('cases.unassigned')}`}
            </Text>
            {withAssignee && item.slaDueAt !== null && (
              <Group gap={4} mt={4}>
                <Text span size="sm">
                  {t('cases.columns.timeLeft')}:
                </Text>
                <SlaTimeLeft item={item} />
              </Group>
            )}
            <Text size="sm" c="dimmed">
              {t('cases.columns.updated')}: <time dateTime={new Date(item.updatedAt).toISOString()}>{when(item.updatedAt)}</time>
            </Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function CaseColumns({ items, sort, onSort, withAssignee = false, caption }: Props) {
  const { t } = useTranslation();
  const when = useDateTime();
  const sortable = (column: SortColumn, label: string) => (
    <Table.Th scope="col" aria-sort={sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton className="sort-button" onClick={() => onSort(nextSort(sort, column))}>
        {label}
        <span aria-hidden className="sort-arrow" data-active={sort.column === column || undefined}>
          {sort.column !== column ? '↕' : sort.direction === 'asc' ? '↑' : '↓'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Table.ScrollContainer minWidth={withAssignee ? 1180 : 920}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption className="visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {sortable('number', t('cases.columns.number'))}
            <Table.Th scope="col">{t('cases.columns.product')}</Table.Th>
            <Table.Th scope="col">{t('cases.columns.subject')}</Table.Th>
            {sortable('priority', t('cases.columns.priority'))}
            <Table.Th scope="col">{t('cases.columns.state')}</Table.Th>
            <Table.Th scope="col">{t('cases.columns.account')}</Table.Th>
            {withAssignee && <Table.Th scope="col">{t('cases.columns.assignee')}</Table.Th>}
            {withAssignee && sortable('due', t('cases.columns.timeLeft'))}
            {sortable('updated', t('cases.columns.updated'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.number}>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${item.number}`} fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {item.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.productName ?? <Text span c="dimmed">{t('cases.noProduct')}</Text>}</Table.Td>
              <Table.Td className="pre-wrap">{item.subject}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{priorityLabel(t, item.priority)}</Table.Td>
              <Table.Td>
                <CaseStateBadge state={item.state} size="sm" />
              </Table.Td>
              <Table.Td>{item.accountName}</Table.Td>
              {withAssignee && <Table.Td>{item.assignee?.name ?? <Text span c="dimmed">{t('cases.unassigned')}</Text>}</Table.Td>}
              {withAssignee && (
                <Table.Td>
                  <SlaTimeLeft item={item} />
                </Table.Td>
              )}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={new Date(item.updatedAt).toISOString()}>{when(item.updatedAt)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
