import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '../../../lib/useFormat.ts';
import type { CaseSummary, SortColumn, SortDirection } from '../api/cases.ts';
import { priorityLabel } from '../labels.ts';
import { CaseStateBadge } from './CaseStateBadge.tsx';

export type Sort = { column: SortColumn; direction: SortDirection };

type Props = {
  items: CaseSummary[];
  sort: Sort;
  onSort: (column: SortColumn) => void;
  /** The queue also names who works on each case. */
  withAssignee?: boolean;
  caption: string;
};

/** The cases of My Cases and of the queue, with the guide's columns; Number, Priority and Updated sort. */
export function CaseTable({ items, sort, onSort, withAssignee = false, caption }: Props) {
  const { t } = useTranslation();
  const when = useDateTime();
  const sortable = (column: SortColumn, label: string) => (
    <Table.Th scope="col" aria-sort={sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden className="sort-arrow" data-active={sort.column === column || undefined}>
          {sort.column !== column ? '↕' : sort.direction === 'asc' ? '↑' : '↓'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Table.ScrollContainer minWidth={withAssignee ? 1040 : 920}>
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
